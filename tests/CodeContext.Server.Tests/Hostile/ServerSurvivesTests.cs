using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>The server never dies of one file: an editor buffer no parser survives is refused, and the server keeps answering.</summary>
public sealed class ServerSurvivesTests(LoadedServer server) : IClassFixture<LoadedServer>
{
    [Fact]
    public async Task A_buffer_nested_beyond_safe_analysis_is_refused_and_the_server_keeps_composing()
    {
        const string path = "src/Shop.Services/Orders/OrderService.cs";
        var deep = "namespace Shop; class Deep { int x = " + new string('(', 20_000) + "1" + new string(')', 20_000) + "; }";
        await server.Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = server.Workspace.UriOf(path), languageId = "csharp", version = 1, text = deep } });

        var compose = await server.Client.ResultAsync("codeContext/compose", new { textDocument = server.Doc(path), budget = 4000 });

        Assert.True(compose.GetProperty("totals").GetProperty("total").GetInt32() <= 4000);
        Assert.Contains("nested too deeply", server.Process.Stderr, StringComparison.Ordinal);
        var status = await server.Client.ResultAsync("codeContext/status", new { });
        Assert.True(status.ValueKind == System.Text.Json.JsonValueKind.Object);
    }
}
