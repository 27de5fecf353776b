using System.Globalization;
using System.Text.Json;
using CodeContext.Rendering.Tokenizers;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>
/// Issue 12, items 17 and 21: render's manifest counts each page's own text, and encode takes the
/// folder render wrote.
/// </summary>
public sealed class RenderOutputTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "cc-hostile-render-" + Guid.NewGuid().ToString("N")[..10]);

    public RenderOutputTests() => Directory.CreateDirectory(_scratch);

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task A_one_line_file_over_many_pages_counts_its_text_once_not_once_per_page()
    {
        var codebase = Path.Combine(_scratch, "one-line");
        Directory.CreateDirectory(codebase);
        // One line, no line break: minified or generated code. Varied so that it tokenises like text.
        var text = "namespace Minified; public static class Data { public static readonly int[] Values = { "
            + string.Join(", ", Enumerable.Range(0, 14_000).Select(i => (i * 7919 % 100_003).ToString(CultureInfo.InvariantCulture))) + " }; }";
        await File.WriteAllTextAsync(Path.Combine(codebase, "Data.cs"), text);
        var output = Path.Combine(_scratch, "pages");

        var run = await Cli.RunAsync(_scratch, "render", codebase, "--no-msbuild", "--out", output);

        Assert.True(run.Exit == 0, run.ToString());
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json")));
        var pages = manifest.RootElement.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("textTokens").GetInt32()).ToList();
        Assert.True(pages.Count > 2, $"the line should wrap over several pages, got {pages.Count}");
        var tokens = TokenizerCatalog.Get(manifest.RootElement.GetProperty("tokenizer").GetString()!).CountTokens(text);
        // Each page carries its share; together exactly the file.
        Assert.Equal(tokens, pages.Sum());
        Assert.Equal(tokens, manifest.RootElement.GetProperty("textTokens").GetInt32());
        Assert.All(pages, p => Assert.InRange(p, 1, tokens / (pages.Count - 1)));
    }

    [Fact]
    public async Task Encode_takes_the_folder_render_wrote()
    {
        var output = Path.Combine(_scratch, "rendered");
        var render = await Cli.RunAsync(_scratch, "render", RepoLayout.Sample, "--no-msbuild", "--files", "src/Shop.Domain/Orders/Order.cs,src/Shop.Services/Orders/OrderService.cs", "--out", output);
        Assert.True(render.Exit == 0, render.ToString());
        var pageCount = Directory.GetFiles(Path.Combine(output, "pages"), "*.png").Length;

        var model = Path.Combine(RepoLayout.Root, "tests", "CodeContext.VisionEncoder.Tests", "Fixtures", "deepencoder-tiny-1024-fp32.onnx");
        var encode = await Cli.RunAsync(_scratch, "encode", output, "--model", model, "--mode", "Base", "--provider", "cpu", "--no-cache");

        Assert.True(encode.Exit == 0, encode.ToString());
        Assert.Contains($"encoded {pageCount} page(s) in Base mode", encode.Out, StringComparison.Ordinal);
    }
}
