using System.Diagnostics;
using System.Text.Json;

namespace CodeContext.Server.Tests.Commands;

/// <summary>The `rank` command's contract, exercised on the real executable.</summary>
public sealed class RankCommandTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "cc-rank-tests", Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_cache, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] arguments)
    {
        return await Harness.CliRun.RunAsync(Path.Combine(AppContext.BaseDirectory, "codecontext.dll"), [.. arguments, "--cache-dir", _cache]);
    }

    [Fact]
    public async Task A_cold_rank_binds_only_its_focus_and_a_full_analysis_then_binds_the_rest()
    {
        static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        // The sample is small enough to be bound whole unless a focus is asked for.
        var (exit, _, stderr) = await RunAsync("rank", "samples/Shop", "--active", "src/Shop.Services/Orders/OrderService.cs", "--top", "5", "--no-cache");
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("matched by name", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await RunAsync("rank", "samples/Shop", "--active", "src/Shop.Services/Orders/OrderService.cs", "--top", "5", "--analysis", "focused");
        Assert.True(exit == 0, stderr);
        var matched = System.Text.RegularExpressions.Regex.Match(stderr, @"(\d+) matched by name");
        Assert.True(matched.Success, stderr);
        var bound = System.Text.RegularExpressions.Regex.Matches(stderr, @"bound (\d+) files in focus").Sum(m => Number(m.Groups[1].Value));
        Assert.InRange(bound, 1, Number(matched.Groups[1].Value) - 1);

        // A full analysis binds exactly what the focused one left matched by name.
        (exit, _, stderr) = await RunAsync("rank", "samples/Shop", "--active", "src/Shop.Services/Orders/OrderService.cs", "--top", "5", "--analysis", "full");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"({Number(matched.Groups[1].Value) - bound} analysed,", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("matched by name", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await RunAsync("rank", "samples/Shop", "--active", "src/Shop.Services/Orders/OrderService.cs", "--analysis", "deep");
        Assert.NotEqual(0, exit);
        Assert.Contains("'deep' not recognized", stderr, StringComparison.Ordinal);
        Assert.Contains("focused", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_has_one_entry_per_active_file_with_relative_paths_and_reasons()
    {
        var absolute = Path.Combine(RepositoryPaths.Root, "samples/Shop/src/Shop.Domain/Orders/Order.cs");
        var (exit, stdout, stderr) = await RunAsync("rank", "samples/Shop", "--active", "src/Shop.Services/Orders/OrderService.cs",
            "--active", absolute, "--top", "5", "--format", "json");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout); // nothing but JSON on stdout
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("src/Shop.Services/Orders/OrderService.cs", entries[0].GetProperty("active").GetString());
        Assert.Equal("src/Shop.Domain/Orders/Order.cs", entries[1].GetProperty("active").GetString());
        foreach (var entry in entries)
        {
            var ranked = entry.GetProperty("ranked").EnumerateArray().ToList();
            Assert.Equal(5, ranked.Count);
            Assert.DoesNotContain(ranked, r => r.GetProperty("path").GetString() == entry.GetProperty("active").GetString());
            Assert.All(ranked, r =>
            {
                var path = r.GetProperty("path").GetString()!;
                Assert.False(Path.IsPathRooted(path));
                Assert.DoesNotContain('\\', path);
                Assert.True(r.GetProperty("score").GetDouble() > 0);
                Assert.NotEmpty(r.GetProperty("reasons").EnumerateArray());
            });
        }
        Assert.Contains("codecontext:", stderr); // progress goes to stderr
    }

    [Fact]
    public async Task The_table_has_headers_every_reason_and_relevance_on_packs_scale()
    {
        var (exit, stdout, stderr) = await RunAsync("rank", "samples/Shop", "--no-msbuild", "--quiet", "--active", "src/Shop.Services/Orders/OrderService.cs", "--top", "5");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\s*rank\s+relevance\s+file\s+why$", lines[1]);
        var first = lines[2].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("1.000", first[1]);
        Assert.Contains(lines.Skip(2), l => l.Contains("; ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("16k", true)]
    [InlineData("1.5M", true)]
    [InlineData("16000", true)]
    [InlineData("lots", false)]
    [InlineData("0", false)]
    public async Task Pack_budgets_read_as_people_write_them(string budget, bool accepted)
    {
        var output = Path.Combine(_cache, "bundle-" + Guid.NewGuid().ToString("N")[..6]);
        var (exit, _, stderr) = await RunAsync("pack", "samples/Shop", "--no-msbuild", "--quiet", "--active", "src/Shop.Services/Orders/OrderService.cs", "--budget", budget, "--out", output);

        if (accepted)
        {
            Assert.True(exit == 0, stderr);
            return;
        }

        Assert.NotEqual(0, exit);
        Assert.Contains($"--budget '{budget}' is not a positive token count", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_active_file_is_a_one_line_error_without_stack_trace()
    {
        var (exit, stdout, stderr) = await RunAsync("rank", "samples/Shop", "--no-msbuild", "--quiet", "--active", "src/Nope.cs", "--format", "json");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("codecontext: error:", line);
        Assert.Contains("src/Nope.cs", line);
    }

    [Fact]
    public async Task Missing_path_and_empty_tree_are_one_line_errors()
    {
        var missing = await RunAsync("rank", "no/such/folder", "--quiet", "--active", "a.cs");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("does not exist", missing.Err);
        Assert.DoesNotContain("   at ", missing.Err);

        var empty = Directory.CreateDirectory(Path.Combine(_cache, "empty-tree")).FullName;
        var none = await RunAsync("rank", empty, "--quiet", "--active", "a.cs");
        Assert.Equal(2, none.Exit);
        Assert.Contains("no solution, project or C# file", none.Err);
    }

    [Fact]
    public async Task Bad_cursor_is_rejected_with_the_expected_form()
    {
        var (exit, _, stderr) = await RunAsync("rank", "samples/Shop", "--quiet", "--active", "src/Shop.Services/Orders/OrderService.cs", "--cursor", "x");
        Assert.Equal(2, exit);
        Assert.Contains("LINE:COLUMN", stderr);
    }
}
