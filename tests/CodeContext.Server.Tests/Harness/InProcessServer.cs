using System.IO.Pipelines;
using CodeContext.Server.Rpc;
using CodeContext.Server.Rpc.Framing;

namespace CodeContext.Server.Tests.Harness;

/// <summary>The server's real host wiring over in-memory pipes: the same code as `serve`, without a process per run.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private readonly CancellationTokenSource _stop = new();

    public InProcessServer(int maxBodyBytes, TextWriter? log = null)
    {
        var settings = new ServerSettings { NoMsBuild = true, Limits = new FramingLimits { MaxBodyBytes = maxBodyBytes } };
        Completion = Task.Run(() => LanguageServer.RunAsync(_toServer.Reader.AsStream(), _fromServer.Writer.AsStream(), settings, log ?? TextWriter.Null, _stop.Token));
        Client = new LspClient(_toServer.Writer.AsStream(), _fromServer.Reader.AsStream());
    }

    public LspClient Client { get; }

    /// <summary>The exit code, once the server ends.</summary>
    public Task<int> Completion { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Client.DisposeAsync();
        await Task.WhenAny(Completion, Task.Delay(TimeSpan.FromSeconds(10)));
    }
}
