using StreamJsonRpc;

namespace CodeContext.Server.Rpc.State;

internal enum ServerPhase
{
    /// <summary>Nothing but initialize (and exit) is accepted.</summary>
    Created,

    /// <summary>initialize answered; loading starts at initialized.</summary>
    Initialized,

    /// <summary>shutdown received: only exit is accepted.</summary>
    ShutDown,
}

/// <summary>LSP's lifecycle rules in one place: which messages are accepted when, and the exit code.</summary>
internal sealed class Lifecycle
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _ending = new();
    private int _phase = (int)ServerPhase.Created;
    private ClientSession? _session;

    public ServerPhase Phase => (ServerPhase)Volatile.Read(ref _phase);

    /// <summary>Completes with the process exit code when the client sends exit (or goes away).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Cancelled once the server is exiting: what runs beside the connection (watches) stops.</summary>
    public CancellationToken Ending => _ending.Token;

    /// <summary>Throws unless initialize may still be sent (it is accepted once).</summary>
    public void BeginInitialize()
    {
        if (Interlocked.CompareExchange(ref _phase, (int)ServerPhase.Initialized, (int)ServerPhase.Created) != (int)ServerPhase.Created)
        {
            throw Phase == ServerPhase.ShutDown
                ? AfterShutdown("initialize")
                : RequestErrors.InvalidRequest("initialize was already received; it may be sent once per session");
        }
    }

    /// <summary>initialize succeeded: the phase moves on and what it decided is fixed for the session.</summary>
    public void Initialize(ClientSession session)
    {
        BeginInitialize();
        Volatile.Write(ref _session, session);
    }

    /// <summary>What initialize decided; null before it.</summary>
    public ClientSession? Session => Volatile.Read(ref _session);

    /// <summary>Throws the LSP error for a request that arrives before initialize or after shutdown.</summary>
    public void RequireRunning(string method)
    {
        switch (Phase)
        {
            case ServerPhase.Created:
                throw RequestErrors.NotInitialized($"server not initialized: send 'initialize' before '{method}'");
            case ServerPhase.ShutDown:
                throw AfterShutdown(method);
        }
    }

    /// <summary>LSP drops notifications before initialize and after shutdown.</summary>
    public bool AcceptsNotifications => Phase == ServerPhase.Initialized;

    public void Shutdown(string method)
    {
        RequireRunning(method);
        Volatile.Write(ref _phase, (int)ServerPhase.ShutDown);
    }

    /// <summary>exit: 0 after a shutdown, 1 without one (LSP).</summary>
    public void Exit()
    {
        if (_exited.TrySetResult(Phase == ServerPhase.ShutDown ? 0 : 1)) _ending.Cancel();
    }

    private static LocalRpcException AfterShutdown(string method) =>
        RequestErrors.InvalidRequest($"server is shutting down: '{method}' after 'shutdown' is refused; only 'exit' is accepted");
}
