using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>$/cancelRequest ends a waiting or running request promptly with RequestCancelled (-32800).</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_request_waiting_for_the_load_is_cancelled_promptly_and_the_server_goes_on()
    {
        await using var server = ServerProcess.Start("--no-msbuild", "--cache-dir", _workspace.CacheDirectory);
        var client = server.Client;
        await client.ResultAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri });
        await client.NotifyAsync("initialized", new { });

        var id = client.NextId();
        await client.SendAsync(LspClient.Message(id, "codeContext/rank", new { textDocument = new { uri = _workspace.UriOf("src/Shop.Services/Orders/OrderService.cs") } }));
        await client.NotifyAsync("$/cancelRequest", new { id });
        var response = await client.ResponseAsync(id);
        // Had the cancellation not reached it, the request would have waited for loading and answered a ranking.
        Assert.Equal(-32800, response.GetProperty("error").GetProperty("code").GetInt32());

        var status = await client.ResultAsync("codeContext/status");
        Assert.NotEqual("failed", status.GetProperty("state").GetString());
        // The same request without cancellation completes once loading is done.
        var rank = await client.ResultAsync("codeContext/rank", new { textDocument = new { uri = _workspace.UriOf("src/Shop.Services/Orders/OrderService.cs") } });
        Assert.NotEmpty(rank.GetProperty("files").EnumerateArray());
    }
}
