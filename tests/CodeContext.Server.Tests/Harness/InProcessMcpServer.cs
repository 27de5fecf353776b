using System.IO.Pipelines;
using CodeContext.Core;
using CodeContext.Server.Mcp;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CodeContext.Server.Tests.Harness;

/// <summary>`codecontext mcp`'s real host over in-memory pipes, driven by the C# SDK's own client.</summary>
public sealed class InProcessMcpServer : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingWriter _log = new();
    private readonly Task _server;
    private McpClient? _client;

    private InProcessMcpServer(TempWorkspace workspace, int budget, long maxResultBytes, bool holdLog)
    {
        if (holdLog) HoldLog();
        var options = new McpOptions
        {
            Target = McpOptions.ResolveTarget(workspace.Root),
            Budget = budget,
            MaxResultBytes = maxResultBytes,
            Cache = CacheDirectory.Resolve(workspace.CacheDirectory),
            NoMsBuild = true,
        };
        _server = Task.Run(() => McpHost.RunAsync(_toServer.Reader.AsStream(), _fromServer.Writer.AsStream(), options, _log, _stop.Token));
    }

    public McpClient Client => _client!;

    /// <summary>Everything the server logged (stderr in a real run).</summary>
    public string Log => _log.ToString();

    /// <param name="holdLog">Start with the log held (<see cref="HoldLog"/>), so the load cannot finish before the test releases it.</param>
    public static async Task<InProcessMcpServer> StartAsync(TempWorkspace workspace, int budget = 12000, long maxResultBytes = 8L * 1024 * 1024, bool holdLog = false)
    {
        var server = new InProcessMcpServer(workspace, budget, maxResultBytes, holdLog);
        var transport = new StreamClientTransport(server._toServer.Writer.AsStream(), server._fromServer.Reader.AsStream());
        server._client = await McpClient.CreateAsync(transport);
        return server;
    }

    public Task<CallToolResult> CallAsync(string tool, object? arguments = null, IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null, CancellationToken cancellationToken = default)
    {
        var dictionary = arguments?.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(arguments));
        return Client.CallToolAsync(tool, dictionary, progress, cancellationToken: cancellationToken).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseLog(); // a test that failed while holding it must not leave the loader waiting
        if (_client is not null) await _client.DisposeAsync();
        await _stop.CancelAsync();
        await _toServer.Writer.CompleteAsync();
        await Task.WhenAny(_server, Task.Delay(TimeSpan.FromSeconds(10)));
    }

    /// <summary>
    /// Holds every write to the log, the loader's progress lines first among them, until
    /// <see cref="ReleaseLog"/>: the load then stays in progress for as long as a test needs it
    /// to, however fast the machine (a race the sample's load could win in a few hundred ms).
    /// </summary>
    public void HoldLog() => _log.Gate.Reset();

    public void ReleaseLog() => _log.Gate.Set();

    /// <summary>A thread-safe log: the loader, the watcher and tool calls write from several threads.</summary>
    private sealed class RecordingWriter : StringWriter
    {
        public ManualResetEventSlim Gate { get; } = new(initialState: true);

        public override void Write(char value)
        {
            Gate.Wait();
            lock (this) base.Write(value);
        }

        public override void Write(string? value)
        {
            Gate.Wait();
            lock (this) base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            Gate.Wait();
            lock (this) base.WriteLine(value);
        }

        public override string ToString()
        {
            lock (this) return base.ToString();
        }
    }
}
