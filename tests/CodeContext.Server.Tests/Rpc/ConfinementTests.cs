using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>Nothing outside the workspace root is ever read, however the path is spelled or linked.</summary>
public sealed class ConfinementTests(LoadedServer server) : IClassFixture<LoadedServer>
{
    private const string Secret = "namespace Outside;\npublic sealed class Secret { public const string Key = \"hunter2\"; }\n";

    [Fact]
    public async Task A_file_outside_the_root_is_refused()
    {
        var error = await ReadAsync(new Uri("/etc/passwd").AbsoluteUri);
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("outside the workspace root", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dot_dot_segments_that_climb_out_are_refused()
    {
        var outside = Path.Combine(server.Workspace.Outside, "Secret.cs");
        await File.WriteAllTextAsync(outside, Secret);
        var climbing = $"file://{server.Workspace.Root}/src/../../{Path.GetFileName(server.Workspace.Outside)}/Secret.cs";
        var error = await ReadAsync(climbing);
        Assert.Contains("outside the workspace root", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var encoded = $"file://{server.Workspace.Root}/src/%2E%2E/%2E%2E/{Path.GetFileName(server.Workspace.Outside)}/Secret.cs";
        Assert.Equal(-32602, (await ReadAsync(encoded)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Symbolic_links_that_lead_out_of_the_root_are_refused()
    {
        var outsideFile = Path.Combine(server.Workspace.Outside, "Secret.cs");
        await File.WriteAllTextAsync(outsideFile, Secret);
        var fileLink = server.Workspace.PathOf("src/Shop.Services/Leak.cs");
        File.CreateSymbolicLink(fileLink, outsideFile);
        var dirLink = server.Workspace.PathOf("src/Shop.Services/LeakDir");
        Directory.CreateSymbolicLink(dirLink, server.Workspace.Outside);
        try
        {
            var viaFile = await ReadAsync(new Uri(fileLink).AbsoluteUri);
            Assert.Contains("symbolic link", viaFile.GetProperty("message").GetString(), StringComparison.Ordinal);
            var viaDirectory = await ReadAsync(new Uri(Path.Combine(dirLink, "Secret.cs")).AbsoluteUri);
            Assert.Contains("symbolic link", viaDirectory.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", server.Client.Received.Select(m => m.GetRawText()).Aggregate("", string.Concat), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(fileLink);
            Directory.Delete(dirLink);
        }
    }

    [Fact]
    public async Task Only_file_uris_are_accepted()
    {
        Assert.Contains("not a file URI", (await ReadAsync("https://example.com/a.cs")).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("absolute", (await ReadAsync("src/Shop.Services/Orders/OrderService.cs")).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("remote host", (await ReadAsync("file://otherhost/etc/passwd")).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_under_the_root_that_are_not_context_are_refused()
    {
        Assert.Contains("not a C# file", (await ReadAsync(server.Workspace.UriOf("README.md"))).GetProperty("message").GetString(), StringComparison.Ordinal);
        var generated = await ReadAsync(server.Workspace.UriOf("src/Shop.Domain/Generated/Mappings.g.cs"));
        Assert.Contains("not context", generated.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recent_files_outside_the_root_are_refused_too()
    {
        var error = await server.ErrorAsync("codeContext/rank", new { textDocument = server.Doc("src/Shop.Services/Orders/OrderService.cs"), recent = new[] { new Uri("/etc/hostname").AbsoluteUri } });
        Assert.Contains("recent[0]", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task<System.Text.Json.JsonElement> ReadAsync(string uri) =>
        server.ErrorAsync("codeContext/readRegion", new { textDocument = new { uri }, startLine = 1, endLine = 5 });
}
