using System.Text.Json;

namespace CodeContext.Server.Tests.Harness;

/// <summary>
/// A real `codecontext serve` process on a private copy of the sample, initialised (with
/// work-done progress) and loaded: shared by the tests of one class.
/// </summary>
public class LoadedServer : IAsyncLifetime
{
    public TempWorkspace Workspace { get; } = new();

    public ServerProcess Process { get; private set; } = null!;

    public LspClient Client => Process.Client;

    /// <summary>Every $/progress value of the load, in order.</summary>
    public IReadOnlyList<JsonElement> Progress { get; private set; } = [];

    public JsonElement InitializeResult { get; private set; }

    /// <summary>Extra arguments for `serve` (a subclass may narrow limits).</summary>
    protected virtual string[] ExtraArguments => [];

    public async Task InitializeAsync()
    {
        Process = ServerProcess.Start(["--no-msbuild", "--cache-dir", Workspace.CacheDirectory, .. ExtraArguments]);
        InitializeResult = await Client.ResultAsync("initialize", new
        {
            processId = Environment.ProcessId,
            rootUri = new Uri(Workspace.Root).AbsoluteUri,
            capabilities = new { window = new { workDoneProgress = true } },
            clientInfo = new { name = "xunit" },
        });
        await Client.NotifyAsync("initialized", new { });
        var end = await Client.WaitForAsync(IsProgress("end"), "the end of loading");
        Progress = [.. Client.Received.Where(IsProgress(null)).Select(m => m.GetProperty("params").GetProperty("value"))];
        Assert.DoesNotContain("failed", end.GetProperty("params").GetProperty("value").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await Process.DisposeAsync();
        Workspace.Dispose();
    }

    /// <summary>The error object of a request that must fail.</summary>
    public async Task<JsonElement> ErrorAsync(string method, object? parameters = null)
    {
        var response = await Client.RequestAsync(method, parameters);
        Assert.True(response.TryGetProperty("error", out var error), $"{method} was expected to fail but answered {response}");
        return error;
    }

    public object Doc(string relative) => new { uri = Workspace.UriOf(relative) };

    private static Func<JsonElement, bool> IsProgress(string? kind) => m =>
        m.TryGetProperty("method", out var method) && method.GetString() == "$/progress"
        && (kind is null || m.GetProperty("params").GetProperty("value").GetProperty("kind").GetString() == kind);
}
