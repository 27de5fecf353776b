using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.State;

/// <summary>
/// Work-done progress for loading, in LSP's shape: window/workDoneProgress/create, then
/// $/progress notifications {token, value: {kind: begin|report|end, ...}} sent in order. Silent
/// when the client did not announce window.workDoneProgress.
/// </summary>
internal sealed class ProgressReporter(JsonRpc? rpc, bool clientSupportsProgress, TextWriter log)
{
    private readonly Lock _gate = new();
    private readonly string _token = $"codecontext/load/{Guid.NewGuid():N}";
    private Task _last = Task.CompletedTask;
    private bool _active;

    public static ProgressReporter Silent(TextWriter log) => new(null, false, log);

    public async Task BeginAsync(string title, string? message)
    {
        if (rpc is null || !clientSupportsProgress) return;
        try
        {
            await rpc.InvokeWithParameterObjectAsync(LspMethods.WorkDoneProgressCreate, new WorkDoneProgressCreateParams(_token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemoteRpcException or ConnectionLostException or ObjectDisposedException)
        {
            await log.WriteLineAsync($"codecontext serve: the client refused a progress token ({e.Message}); loading without progress").ConfigureAwait(false);
            return;
        }

        _active = true;
        _ = Send(new WorkDoneProgressBegin(title, message, null));
    }

    public void Report(string message)
    {
        if (_active) _ = Send(new WorkDoneProgressReport(message, null));
    }

    public async Task EndAsync(string message)
    {
        if (!_active) return;
        _active = false;
        await Send(new WorkDoneProgressEnd(message)).ConfigureAwait(false);
    }

    private Task Send(object value)
    {
        lock (_gate)
        {
            _last = _last.ContinueWith(
                async _ =>
                {
                    try
                    {
                        await rpc!.NotifyWithParameterObjectAsync(LspMethods.Progress, new ProgressParams(_token, value)).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException)
                    {
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
            return _last;
        }
    }
}
