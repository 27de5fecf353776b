using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>
/// Issue 12, items 6 and 12: a command that writes (pack, render) writes only into a new or empty
/// folder or over an earlier bundle, never into the codebase it reads, and says so before it
/// loads anything; a read-only --out is an error up front, a read-only cache only a warning.
/// </summary>
public sealed class OutputFolderTests : IDisposable
{
    private const string Active = "src/Shop.Services/Orders/OrderService.cs";
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private Task<CliRun> PackAsync(string outFolder, int budget = 6000) =>
        Cli.RunAsync(_workspace.Outside, "pack", _workspace.Root, "--active", Active, "--no-msbuild", "--no-cache", "--budget", budget.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outFolder);

    private Task<CliRun> RenderAsync(string outFolder) =>
        Cli.RunAsync(_workspace.Outside, "render", _workspace.Root, "--no-msbuild", "--files", "src/Shop.Domain/Orders/Order.cs", "--out", outFolder);

    [Fact]
    public async Task Pack_refuses_a_folder_holding_other_files_and_changes_none_of_them()
    {
        var mine = Path.Combine(_workspace.Outside, "my-app");
        Directory.CreateDirectory(Path.Combine(mine, "pages"));
        var files = new Dictionary<string, string>
        {
            ["manifest.json"] = """{ "name": "my web app", "start_url": "/" }""",
            ["context.md"] = "my own notes",
            ["pages/page-001.png"] = "not a page of ours",
            ["notes.txt"] = "keep me",
        };
        foreach (var (name, text) in files) await File.WriteAllTextAsync(Path.Combine(mine, name), text);

        var run = await PackAsync(mine);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains($"--out '{mine}' already holds other files", run.Err, StringComparison.Ordinal);
        AssertRefusedBeforeLoading(run);
        foreach (var (name, text) in files) Assert.Equal(text, await File.ReadAllTextAsync(Path.Combine(mine, name)));
        Assert.Equal(files.Count, Directory.EnumerateFiles(mine, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Pack_refuses_a_folder_whose_only_file_is_a_manifest_of_something_else()
    {
        var web = Path.Combine(_workspace.Outside, "web");
        Directory.CreateDirectory(web);
        await File.WriteAllTextAsync(Path.Combine(web, "manifest.json"), """{ "name": "a web app manifest" }""");

        var run = await PackAsync(web);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("manifest.json is not a codecontext manifest", run.Err, StringComparison.Ordinal);
        Assert.Equal("""{ "name": "a web app manifest" }""", await File.ReadAllTextAsync(Path.Combine(web, "manifest.json")));
    }

    [Fact]
    public async Task Render_refuses_to_write_into_the_codebase_it_reads_or_below_it()
    {
        // The sample's top folder holds no .cs file: the old check (".cs files in --out") let this through.
        Assert.Empty(Directory.EnumerateFiles(_workspace.Root, "*.cs"));
        var before = Directory.EnumerateFileSystemEntries(_workspace.Root, "*", SearchOption.AllDirectories).Order().ToList();

        foreach (var inside in new[] { _workspace.Root, Path.Combine(_workspace.Root, "src", "rendered") })
        {
            var run = await RenderAsync(inside);
            Assert.True(run.Exit == 2, run.ToString());
            Assert.Contains($"--out '{inside}' is inside the codebase being read", run.Err, StringComparison.Ordinal);
            AssertRefusedBeforeLoading(run);
        }

        Assert.Equal(before, Directory.EnumerateFileSystemEntries(_workspace.Root, "*", SearchOption.AllDirectories).Order().ToList());
    }

    [Fact]
    public async Task Pack_run_from_inside_the_codebase_puts_its_default_bundle_in_the_cache_directory()
    {
        var before = Directory.EnumerateFileSystemEntries(_workspace.Root, "*", SearchOption.AllDirectories).Order().ToList();

        var run = await Cli.RunAsync(_workspace.Root, "pack", ".", "--active", Active, "--no-msbuild", "--budget", "4000", "--cache-dir", _workspace.CacheDirectory);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, "codecontext-bundle")));
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(_workspace.Root, "*", SearchOption.AllDirectories).Order().ToList());
        var bundles = Path.Combine(_workspace.CacheDirectory, "bundles");
        var bundle = Assert.Single(Directory.EnumerateDirectories(bundles));
        Assert.True(File.Exists(Path.Combine(bundle, "manifest.json")));
        Assert.Contains(bundle, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_refuses_an_out_folder_that_reaches_into_the_codebase_through_a_link()
    {
        var link = Path.Combine(_workspace.Outside, "looks-outside");
        Directory.CreateSymbolicLink(link, Path.Combine(_workspace.Root, "src"));
        var target = Path.Combine(link, "bundle");

        var run = await PackAsync(target);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("is inside the codebase being read", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, "src", "bundle")));
    }

    /// <summary>Not run against builds without the rule: as root, they write the bundle into '/'.</summary>
    [Fact]
    public async Task Pack_refuses_the_file_system_root()
    {
        var root = Path.GetPathRoot(_workspace.Root)!;
        var before = Directory.EnumerateFileSystemEntries(root).Order().ToList();

        var run = await PackAsync(root);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains($"--out '{root}'", run.Err, StringComparison.Ordinal);
        AssertRefusedBeforeLoading(run);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(root).Order().ToList());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_out_folder_is_refused_before_loading()
    {
        var folder = Path.Combine(_workspace.Outside, "read-only");
        using (ReadOnlyFolder.Make(folder))
        {
            var run = await PackAsync(folder);

            Assert.True(run.Exit == 2, run.ToString());
            Assert.Contains($"--out '{folder}' is read-only", run.Err, StringComparison.Ordinal);
            AssertRefusedBeforeLoading(run);
            Assert.DoesNotContain("Unhandled", run.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_out_parent_is_refused_before_loading()
    {
        var parent = Path.Combine(_workspace.Outside, "read-only-parent");
        using (ReadOnlyFolder.Make(parent))
        {
            var run = await RenderAsync(Path.Combine(parent, "pages-out"));

            Assert.True(run.Exit == 2, run.ToString());
            Assert.Contains($"cannot create a file in '{parent}'", run.Err, StringComparison.Ordinal);
            AssertRefusedBeforeLoading(run);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_cache_is_a_warning_and_the_command_still_answers()
    {
        var cache = Path.Combine(_workspace.Outside, "read-only-cache");
        using (ReadOnlyFolder.Make(cache))
        {
            var run = await Cli.RunAsync(_workspace.Outside, "rank", _workspace.Root, "--active", Active, "--no-msbuild", "--top", "3", "--cache-dir", cache);

            Assert.True(run.Exit == 0, run.ToString());
            Assert.Contains($"not using the cache directory '{cache}' (it is not writable", run.Err, StringComparison.Ordinal);
            Assert.Contains("running without a cache", run.Err, StringComparison.Ordinal);
            Assert.Contains("active: " + Active, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cache_directory_inside_the_codebase_is_not_used()
    {
        var cache = Path.Combine(_workspace.Root, ".codecontext-cache");
        var before = Directory.EnumerateFileSystemEntries(_workspace.Root, "*", SearchOption.AllDirectories).Order().ToList();

        var run = await Cli.RunAsync(_workspace.Outside, "rank", _workspace.Root, "--active", Active, "--no-msbuild", "--top", "3", "--cache-dir", cache);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains($"not using the cache directory '{cache}' (it is inside the codebase being read", run.Err, StringComparison.Ordinal);
        Assert.Contains("active: " + Active, run.Out, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(_workspace.Root, "*", SearchOption.AllDirectories).Order().ToList());
    }

    /// <summary>A regression guard more than a hostile case: an earlier bundle (here render's) is replaced whole.</summary>
    [Fact]
    public async Task An_earlier_bundle_is_replaced_whole_by_the_next_one()
    {
        var bundle = Path.Combine(_workspace.Outside, "bundle");
        var rendered = await RenderAsync(bundle);
        Assert.True(rendered.Exit == 0, rendered.ToString());
        var renderPages = Directory.GetFiles(Path.Combine(bundle, "pages")).Length;
        Assert.True(renderPages > 0);

        var packed = await PackAsync(bundle, budget: 3000);

        Assert.True(packed.Exit == 0, packed.ToString());
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(bundle, "manifest.json")));
        var pages = manifest.RootElement.GetProperty("segments").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "image")
            .Select(s => s.GetProperty("image").GetProperty("file").GetString()!.Replace('/', Path.DirectorySeparatorChar))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(pages, Directory.GetFiles(Path.Combine(bundle, "pages")).Select(f => Path.GetRelativePath(bundle, f)).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["context.md", "manifest.json", "prompt.deepseek-ocr.json", "request.openai.json"], Directory.GetFiles(bundle).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        // Nothing was left beside it: no staging or retired folder.
        Assert.Equal(["bundle"], Directory.GetDirectories(_workspace.Outside).Select(Path.GetFileName).ToList());
    }

    private static void AssertRefusedBeforeLoading(CliRun run) =>
        Assert.DoesNotContain("codecontext: loading", run.Err, StringComparison.Ordinal);
}
