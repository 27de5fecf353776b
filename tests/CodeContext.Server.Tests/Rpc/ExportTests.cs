using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>codeContext/contextMarkdown and codeContext/exportBundle (what the VS Code extension's copy and export commands call) through the real process.</summary>
public sealed class ExportTests(LoadedServer server) : IClassFixture<LoadedServer>
{
    private const string Active = "src/Shop.Services/Orders/OrderService.cs";

    [Fact]
    public async Task Export_writes_the_bundle_that_pack_writes_and_its_context_md_is_what_copy_answers()
    {
        var outDirectory = Path.Combine(server.Workspace.Outside, "bundle");
        var request = new { textDocument = server.Doc(Active), position = new { line = 40, character = 12 }, budget = 12000, outDirectory };
        var exported = await server.Client.ResultAsync("codeContext/exportBundle", request);
        Assert.Equal(Path.GetFullPath(outDirectory), exported.GetProperty("directory").GetString());

        var files = exported.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        foreach (var file in new[] { "manifest.json", "context.md", "request.openai.json", "prompt.deepseek-ocr.json" }) Assert.Contains(file, files);
        foreach (var file in files) Assert.True(File.Exists(Path.Combine(outDirectory, file)), $"{file} is listed but not written");

        // The manifest names every page it writes, and each one is a PNG in pages/.
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "manifest.json")));
        var pages = manifest.RootElement.GetProperty("segments").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "image").Select(s => s.GetProperty("image").GetProperty("file").GetString()!).ToList();
        Assert.NotEmpty(pages);
        Assert.Equal(pages.Count, exported.GetProperty("pages").GetInt32());
        Assert.Equal(pages.Order(StringComparer.Ordinal), files.Where(f => f.StartsWith("pages/", StringComparison.Ordinal)));
        Assert.InRange(manifest.RootElement.GetProperty("totals").GetProperty("total").GetInt32(), 1, 12000);
        Assert.False(manifest.RootElement.GetProperty("segments")[0].TryGetProperty("dataUrl", out _));

        // Copy as Markdown answers the same context.md text for the same request.
        var copied = await server.Client.ResultAsync("codeContext/contextMarkdown", new { textDocument = server.Doc(Active), position = new { line = 40, character = 12 }, budget = 12000 });
        var markdown = copied.GetProperty("markdown").GetString()!;
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(outDirectory, "context.md")), markdown);
        Assert.Contains(pages[0], markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image/png", markdown, StringComparison.Ordinal);

        // Nothing lands in the workspace.
        Assert.Empty(Directory.EnumerateFiles(server.Workspace.Root, "*.png", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(server.Workspace.Root, "context.md")));
    }

    [Theory]
    [InlineData("relative/folder", "absolute")]
    [InlineData("", "absolute")]
    public async Task Export_needs_an_absolute_folder(string outDirectory, string named)
    {
        var error = await server.ErrorAsync("codeContext/exportBundle", new { textDocument = server.Doc(Active), budget = 8000, outDirectory });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_into_a_file_is_refused()
    {
        var file = Path.Combine(server.Workspace.Outside, "a-file");
        await File.WriteAllTextAsync(file, "x");
        var error = await server.ErrorAsync("codeContext/exportBundle", new { textDocument = server.Doc(Active), budget = 8000, outDirectory = file });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("is a file", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_methods_are_announced_with_the_profiles()
    {
        var announced = server.InitializeResult.GetProperty("capabilities").GetProperty("experimental").GetProperty("codeContext");
        var methods = announced.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("codeContext/contextMarkdown", methods);
        Assert.Contains("codeContext/exportBundle", methods);
        Assert.Contains("deepseek-ocr-base", announced.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()));
    }
}
