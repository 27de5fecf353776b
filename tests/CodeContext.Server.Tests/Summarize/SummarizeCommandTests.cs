using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Summarize;

/// <summary>`codecontext summarize` as CI runs it: the real process on private copies of the sample.</summary>
public sealed class SummarizeCommandTests : IDisposable
{
    private const string Key = "AKIAQWERTYUIOPASDFGH";
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string OutDir(string name) => Path.Combine(_workspace.Outside, name);

    [Fact]
    public async Task Whole_repository_mode_leads_with_the_solution_map_and_ranks_by_global_importance()
    {
        File.AppendAllText(_workspace.PathOf("src/Shop.Domain/ValueObjects/Money.cs"), $"\ninternal static class DeployKeys {{ public const string Aws = \"{Key}\"; }}\n");
        // A hostile repository's file name: markup in it must stay text in the report.
        File.WriteAllText(_workspace.PathOf("src/Shop.Domain/Evil<img src=x onerror=alert(1)>.cs"), "namespace Shop.Domain;\n\npublic static class Evil\n{\n}\n");

        var run = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("whole"), "--budget", "12k");

        run.AssertWithin(12000);
        Assert.Equal("whole repository", run.Manifest.GetProperty("active").GetProperty("path").GetString());
        var map = run.ActiveText;
        Assert.StartsWith("### Solution map\n", map, StringComparison.Ordinal);
        Assert.Contains("- Shop.Api (src/Shop.Api/Shop.Api.csproj): exe", map, StringComparison.Ordinal);
        Assert.Contains("entry points: src/Shop.Api/Program.cs", map, StringComparison.Ordinal);
        Assert.Contains("references Shop.Domain, Shop.Infrastructure, Shop.Services", map, StringComparison.Ordinal);
        Assert.Matches(@"public types: [^\n]*\bMoney\b", map);

        var relevance = run.Relevance;
        Assert.True(relevance["src/Shop.Api/Program.cs"] > relevance["tests/Shop.Tests/MoneyTests.cs"], "the entry point ranks below a test");
        Assert.True(relevance["src/Shop.Domain/ValueObjects/Money.cs"] > relevance["tests/Shop.Tests/MoneyTests.cs"], "a core type ranks below its test");
        var money = run.Manifest.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "src/Shop.Domain/ValueObjects/Money.cs");
        Assert.Contains(money.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("used by ", StringComparison.Ordinal));

        AssertMasked(run);
        var html = run.Read("report.html");
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("Evil&lt;img src=x onerror=alert(1)&gt;.cs", html, StringComparison.Ordinal);
        var summary = run.Read("summary.md");
        Assert.StartsWith("### CodeContext summary: whole repository", summary, StringComparison.Ordinal);
        Assert.InRange(summary.Split('\n').Length, 10, 40);
    }

    [Fact]
    public async Task Change_mode_carries_the_changed_files_as_marked_text_and_ranks_their_neighbours_above_unrelated_files()
    {
        var root = _workspace.Root;
        await GitHistory.InitAsync(root, "base");
        await GitHistory.RunAsync(root, "checkout", "-q", "-b", "feature");
        const string engine = "src/Shop.Services/Pricing/PricingEngine.cs";
        const string added = "// The best offer wins; a tie goes to the strategy registered first.";
        var lines = File.ReadAllLines(_workspace.PathOf(engine)).ToList();
        var at = lines.FindIndex(l => l.Contains("public DiscountOffer? BestOffer", StringComparison.Ordinal));
        lines.Insert(at, "    " + added);
        lines.Insert(at, $"    private const string Leaked = \"{Key}\";");
        File.WriteAllLines(_workspace.PathOf(engine), lines);
        const string seasonal = "src/Shop.Services/Pricing/SeasonalStrategy.cs";
        File.WriteAllText(_workspace.PathOf(seasonal), "namespace Shop.Services.Pricing;\n\npublic sealed class SeasonalStrategy\n{\n    public string Name => \"seasonal\";\n}\n");
        const string gone = "src/Shop.Services/Reporting/ReportSchedule.cs";
        File.Delete(_workspace.PathOf(gone));
        await GitHistory.RunAsync(root, "add", "-A");
        await GitHistory.RunAsync(root, "commit", "-q", "-m", "pricing: seasonal strategy");
        // Not yet committed, not yet added: a local run sees it as the reviewer will.
        const string draft = "src/Shop.Services/Pricing/DraftStrategy.cs";
        File.WriteAllText(_workspace.PathOf(draft), "namespace Shop.Services.Pricing;\n\ninternal sealed class DraftStrategy\n{\n}\n");

        var run = await SummarizeRun.StartAsync(root, _workspace.CacheDirectory, OutDir("change"), "--changed-since", "base", "--budget", "10k");

        run.AssertWithin(10000);
        Assert.Equal("3 files changed since base", run.Manifest.GetProperty("active").GetProperty("path").GetString());
        var changed = run.Manifest.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("reasons").EnumerateArray().Any(r => r.GetString() == "changed since base"))
            .Select(f => (Path: f.GetProperty("path").GetString()!, Form: f.GetProperty("form").GetString()))
            .ToList();
        Assert.Equal([draft, engine, seasonal], changed.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.All(changed, c => Assert.Equal("text", c.Form));

        Assert.Contains(run.Manifest.GetProperty("warnings").EnumerateArray(), w => w.GetString() == $"{gone} was deleted since base");

        var active = run.ActiveText;
        Assert.Contains($"### {engine} (changed since base: changed lines {at + 1}-{at + 2} marked +)", active, StringComparison.Ordinal);
        Assert.Contains("\n+     " + added + "\n", active, StringComparison.Ordinal);
        Assert.Contains("\n  public sealed class PricingEngine\n", active, StringComparison.Ordinal);
        Assert.Contains("\n+ public sealed class SeasonalStrategy\n", active, StringComparison.Ordinal);
        Assert.Contains("\n+ internal sealed class DraftStrategy\n", active, StringComparison.Ordinal);

        // What uses the changed engine, by its text, against a part of the codebase that has nothing to do with pricing.
        var relevance = run.Relevance;
        var neighbours = relevance.Keys.Where(p => p != engine && File.Exists(_workspace.PathOf(p)) && File.ReadAllText(_workspace.PathOf(p)).Contains("PricingEngine", StringComparison.Ordinal)).ToList();
        var unrelated = relevance.Keys.Where(p => p.StartsWith("src/Shop.Infrastructure/Inventory/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(neighbours);
        Assert.NotEmpty(unrelated);
        Assert.True(neighbours.Min(p => relevance[p]) > unrelated.Max(p => relevance[p]),
            $"neighbours {string.Join(", ", neighbours.Select(p => $"{p} {relevance[p]}"))} vs unrelated up to {unrelated.Max(p => relevance[p])}");

        AssertMasked(run);
    }

    [Fact]
    public async Task Changed_files_mark_their_lines_that_differ_from_HEAD_in_a_git_work_tree_and_every_line_elsewhere()
    {
        const string engine = "src/Shop.Services/Pricing/PricingEngine.cs";
        var outside = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("outside"), "--changed-files", engine, "--budget", "10k");
        outside.AssertWithin(10000);
        Assert.Matches($@"### {System.Text.RegularExpressions.Regex.Escape(engine)} \(named in --changed-files: changed lines 1-\d+ marked \+\)", outside.ActiveText);
        Assert.Contains("\n+ public sealed class PricingEngine\n", outside.ActiveText, StringComparison.Ordinal);
        Assert.Contains(outside.Manifest.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("the files named in --changed-files are marked whole: ", StringComparison.Ordinal));

        await GitHistory.InitAsync(_workspace.Root, "base");
        const string added = "// Ties go to the strategy registered first.";
        var lines = File.ReadAllLines(_workspace.PathOf(engine)).ToList();
        var at = lines.FindIndex(l => l.Contains("public DiscountOffer? BestOffer", StringComparison.Ordinal));
        lines.Insert(at, "    " + added);
        File.WriteAllLines(_workspace.PathOf(engine), lines);
        const string draft = "src/Shop.Services/Pricing/DraftStrategy.cs";
        File.WriteAllText(_workspace.PathOf(draft), "namespace Shop.Services.Pricing;\n\ninternal sealed class DraftStrategy\n{\n}\n");

        var run = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("tracked"), "--changed-files", $"{engine},{draft}", "--budget", "10k");

        run.AssertWithin(10000);
        Assert.Contains($"### {engine} (named in --changed-files: changed line {at + 1} marked +)", run.ActiveText, StringComparison.Ordinal);
        Assert.Contains("\n+     " + added + "\n", run.ActiveText, StringComparison.Ordinal);
        Assert.Contains("\n  public sealed class PricingEngine\n", run.ActiveText, StringComparison.Ordinal);
        Assert.Contains("\n+ internal sealed class DraftStrategy\n", run.ActiveText, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Manifest.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("marked whole", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Budgets_are_never_exceeded_and_the_guard_fails_the_step_after_writing_the_outputs()
    {
        // One folder for both: a CI job that reruns into its --out replaces the earlier bundle whole.
        foreach (var budget in new[] { 2500, 6000 })
        {
            var run = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("budgets"), "--budget", budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
            run.AssertWithin(budget);
        }

        // A change larger than its share of a small budget: the file keeps its changed line with the context that fits.
        await GitHistory.InitAsync(_workspace.Root, "base");
        const string large = "src/Shop.Infrastructure/Inventory/WarehouseBinAllocator.cs";
        var lines = File.ReadAllLines(_workspace.PathOf(large));
        var middle = lines.Length / 2;
        lines[middle - 1] += " // reviewed";
        File.WriteAllLines(_workspace.PathOf(large), lines);
        var windowed = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("budgets"), "--changed-since", "base", "--budget", "3k");
        windowed.AssertWithin(3000);
        Assert.Matches($@"### {System.Text.RegularExpressions.Regex.Escape(large)} \(changed since base: changed line {middle} marked \+, \d+ lines of context\)", windowed.ActiveText);
        Assert.Contains("\n+ " + lines[middle - 1] + "\n", windowed.ActiveText, StringComparison.Ordinal);
        Assert.Contains("\n⋮\n", windowed.ActiveText, StringComparison.Ordinal);
        Assert.Contains(windowed.Manifest.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith($"the changed file {large} is exact text in its changed lines with ", StringComparison.Ordinal));

        var guarded = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("guarded"), "--budget", "4k", "--fail-over", "1k");
        guarded.AssertWithin(4000, exit: 3);
        var source = guarded.Manifest.GetProperty("totals").GetProperty("repositorySourceTokens").GetInt32();
        Assert.Contains($"codecontext: error: the codebase's source is {source} tokens, over --fail-over 1000 (the outputs were written)", guarded.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_change_request_is_one_line_naming_it()
    {
        var notGit = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("x"), "--changed-since", "main");
        Assert.Equal(2, notGit.Exit);
        Assert.Matches(@"^codecontext: error: --changed-since 'main': git merge-base failed in .+: .+\n$", notGit.Output);

        await GitHistory.InitAsync(_workspace.Root, "base");
        var noRef = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("y"), "--changed-since", "no-such-ref");
        Assert.Equal(2, noRef.Exit);
        Assert.StartsWith("codecontext: error: --changed-since 'no-such-ref': git merge-base failed", noRef.Output, StringComparison.Ordinal);

        var both = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, OutDir("z"), "--changed-since", "base", "--changed-files", "a.cs");
        Assert.Equal("codecontext: error: --changed-since and --changed-files are two ways to name a change: give one\n", both.Output);
        Assert.False(Directory.Exists(OutDir("x")) || Directory.Exists(OutDir("y")) || Directory.Exists(OutDir("z")), "a refused request wrote a bundle");
    }

    /// <summary>The planted key is in no output, and the manifest says it was masked.</summary>
    private static void AssertMasked(SummarizeRun run)
    {
        foreach (var (file, text) in run.Texts()) Assert.False(text.Contains(Key, StringComparison.Ordinal), $"{file} holds the secret");
        var masked = run.Manifest.GetProperty("secrets").GetProperty("maskedValues");
        Assert.True(masked.TryGetProperty("aws-access-key-id", out var count) && count.GetInt32() >= 1, $"no masked key on record: {masked}");
    }
}
