using CodeContext.Packing.Planning;
using CodeContext.Rendering.Costs;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing.Tests;

/// <summary>End to end on the sample: every profile across budgets from 2k to 200k.</summary>
public sealed class BudgetSweepTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var profile in ProfileCatalog.Ids)
        {
            foreach (var budget in new[] { 2000, 6000, 24000, 200000 })
            {
                data.Add(profile, budget);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Budget_is_never_exceeded_and_the_accounting_is_exact(string profileId, int budget)
    {
        var package = await Compose(profileId, budget);
        var m = package.Manifest;
        var profile = ProfileCatalog.Get(profileId);
        var tokenizer = TokenizerCatalog.Get(profile.Tokenizer);

        Assert.True(m.Totals.Total <= budget, $"{profileId} at {budget}: {m.Totals.Total} tokens");
        Assert.Equal(budget - m.Totals.Total, m.Totals.Headroom);
        // Recount from the delivered prompt itself: text runs with the profile's tokenizer, images by the profile's formula.
        var text = package.Parts.OfType<TextPart>().Sum(p => tokenizer.CountTokens(p.Text));
        var pageCost = VisionCostCalculator.Compute(profile.Cost, profile.Page.Width, profile.Page.Height).Tokens;
        var images = package.Parts.OfType<ImagePart>().Count();
        Assert.Equal(text, m.Totals.TextTokens);
        Assert.Equal(images * pageCost, m.Totals.VisionTokens);
        Assert.Equal(m.Segments.Count(s => s.Kind == "image"), images);
        Assert.Equal(package.PageList.Count, images);
        Assert.All(m.Segments.Where(s => s.Kind == "image"), s => Assert.Equal(pageCost, s.Tokens));
    }

    [Theory]
    [InlineData("deepseek-ocr-base", 2000)]
    [InlineData("deepseek-ocr-vllm", 16000)]
    [InlineData("gpt-4o", 200000)]
    public async Task Active_file_is_byte_identical_and_last(string profile, int budget)
    {
        var package = await Compose(profile, budget);
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Shop, ShopFixture.Active));
        var active = package.Manifest.Segments.Last(s => s.Role != "instruction");
        Assert.Equal("active", active.Role);
        Assert.True(package.Manifest.Active.Whole);
        Assert.Contains(source, active.Text!, StringComparison.Ordinal);
        var lastText = Assert.IsType<TextPart>(package.Parts[^1]);
        Assert.Contains(source, lastText.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_comes_last_and_is_counted()
    {
        var package = await Compose("deepseek-ocr-base", 6000, "Why does PlaceOrder reject an empty cart?");
        Assert.EndsWith("Why does PlaceOrder reject an empty cart?", Assert.IsType<TextPart>(package.Parts[^1]).Text, StringComparison.Ordinal);
        Assert.Equal("instruction", package.Manifest.Segments[^1].Role);
        Assert.True(package.Manifest.Totals.Total <= 6000);
    }

    [Fact]
    public async Task Active_file_falls_back_to_a_window_around_the_cursor()
    {
        var package = await Compose("deepseek-ocr-base", 400, cursor: (60, 5));
        var active = package.Manifest.Active;
        Assert.False(active.Whole);
        Assert.InRange(60, active.StartLine, active.EndLine);
        var lines = (await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Shop, ShopFixture.Active)))[(active.StartLine - 1)..active.EndLine];
        Assert.Contains(string.Join("\n", lines), package.Manifest.Segments.Single(s => s.Role == "active").Text!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(package.Manifest.Totals.Total <= 400);
    }

    [Theory]
    [InlineData("deepseek-ocr-base", 6000)]
    [InlineData("qwen2.5-vl", 24000)]
    public async Task Every_region_points_at_the_real_lines_it_shows(string profile, int budget)
    {
        var package = await Compose(profile, budget);
        var regions = package.Manifest.Segments.Where(s => s.Kind == "image").SelectMany(s => s.Regions!).ToList();
        Assert.NotEmpty(regions);
        foreach (var region in regions)
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Shop, region.Path));
            Assert.InRange(region.StartLine, 1, region.EndLine);
            Assert.InRange(region.EndLine, region.StartLine, lines.Length);
            // The fragment handed to the renderer holds exactly those lines of the file, but for
            // documentation comments, each folded to one line of its own comment or left out.
            var fragment = package.RenderedSources.Single(f => f.RelativePath == region.Path && f.StartLine <= region.StartLine && region.EndLine <= f.EndLine);
            var shown = fragment.Text.ReplaceLineEndings("\n").Split('\n');
            var inRegion = Enumerable.Range(0, fragment.LineCount).Where(i => fragment.LineAt(i) >= region.StartLine && fragment.LineAt(i) <= region.EndLine).ToList();
            Assert.Equal(region.StartLine, fragment.LineAt(inRegion[0]));
            Assert.Equal(region.EndLine, fragment.LineAt(inRegion[^1]));
            foreach (var i in inRegion.Where(i => shown[i] != lines[fragment.LineAt(i) - 1]))
            {
                Assert.StartsWith("///", lines[fragment.LineAt(i) - 1].TrimStart());
                Assert.StartsWith("///", shown[i].TrimStart());
            }

            var numbered = inRegion.Select(fragment.LineAt).ToHashSet();
            Assert.All(Enumerable.Range(region.StartLine, region.EndLine - region.StartLine + 1).Where(n => !numbered.Contains(n)), n => Assert.StartsWith("///", lines[n - 1].TrimStart()));
            Assert.InRange(region.X + region.Width, 1, package.Manifest.Segments.First(s => s.Kind == "image").Image!.Width);
        }
    }

    [Theory]
    [InlineData("deepseek-ocr-base", 2000)]
    [InlineData("deepseek-ocr-base", 24000)]
    [InlineData("claude", 200000)]
    public async Task Every_file_is_listed_once_with_its_decision_explained(string profile, int budget)
    {
        var package = await Compose(profile, budget);
        var files = package.Manifest.Files;
        var workspace = shop.Analysis.Workspace;
        Assert.Equal(files.Count, files.Select(f => f.Path).Distinct().Count());
        foreach (var file in workspace.Files)
        {
            var entry = Assert.Single(files, f => f.Path == file.RelativePath);
            Assert.Contains(entry.Form, new[] { "text", "outline", "L1", "L2", "L3", "L4", "listed", "excluded" });
            Assert.False(string.IsNullOrWhiteSpace(entry.Why));
            Assert.NotEmpty(entry.Reasons);
        }

        Assert.All(workspace.Skipped, s => Assert.Equal("excluded", Assert.Single(files, f => f.Path == s.RelativePath).Form));
        // Each carried form really is in the prompt: text and outlines as segments, images as regions.
        foreach (var entry in files.Where(f => f.Form is "text" or "outline" && f.Path != ShopFixture.Active && f.Slices is null))
        {
            Assert.Contains(package.Manifest.Segments, s => s.Role == entry.Form && s.Path == entry.Path);
        }

        foreach (var entry in files.Where(f => f.Form.StartsWith('L') && f.Slices is null))
        {
            Assert.Contains(package.Manifest.Segments, s => s.Role == entry.Form && s.Regions!.Any(r => r.Path == entry.Path));
        }
    }

    [Fact]
    public async Task More_budget_never_carries_less_source()
    {
        var carried = new List<int>();
        foreach (var budget in new[] { 3000, 12000, 48000 })
        {
            carried.Add((await Compose("deepseek-ocr-base", budget)).Manifest.Totals.SourceTokens);
        }

        Assert.True(carried[0] < carried[1] && carried[1] <= carried[2], string.Join(", ", carried));
    }

    [Fact]
    public async Task Small_budgets_use_pages_and_large_ones_exact_text()
    {
        var small = (await Compose("deepseek-ocr-base", 6000)).Manifest;
        var large = (await Compose("deepseek-ocr-base", 200000)).Manifest;
        Assert.Contains(small.Files, f => f.Form.StartsWith('L'));
        Assert.True(small.Totals.EffectiveCompression > 2, $"{small.Totals.EffectiveCompression}");
        Assert.All(large.Files.Where(f => shop.Analysis.Workspace.FindByRelativePath(f.Path) is not null), f => Assert.Equal("text", f.Form));
    }

    private Task<ContextPackage> Compose(string profile, int budget, string? query = null, (int, int)? cursor = null) =>
        new ContextComposer().ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Profile = profile, Budget = budget, Query = query, Cursor = cursor }, CancellationToken.None);
}
