using CodeContext.Packing.Planning;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Tests.Planning;

/// <summary>
/// A level a profile marks as not planned (profiles.json `planned: false`: glyphs only a proxy
/// reader has read) never carries a file, at budgets where the sample otherwise reaches for it;
/// the level still exists for `render`.
/// </summary>
public sealed class PlannedLevelsTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    [Theory]
    [InlineData("claude", 6000)]
    [InlineData("claude", 12000)]
    [InlineData("gpt-4o", 6000)]
    public async Task Levels_that_are_not_planned_carry_no_file(string profile, int budget)
    {
        var unplanned = ProfileCatalog.Get(profile).Levels.Where(l => !l.Value.Planned).Select(l => l.Key).ToHashSet();
        Assert.Equal(["L3", "L4"], unplanned.Order());

        var manifest = (await new ContextComposer().ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Profile = profile, Budget = budget }, CancellationToken.None)).Manifest;

        Assert.True(manifest.Totals.Total <= budget);
        Assert.DoesNotContain(manifest.Files, f => unplanned.Contains(f.Form) || f.Slices?.Any(s => unplanned.Contains(s.Form)) == true);
        Assert.DoesNotContain(manifest.Segments, s => s.Kind == "image" && unplanned.Contains(s.Role));
    }

    [Fact]
    public void A_profile_that_plans_every_level_prices_every_level()
    {
        var profile = ProfileCatalog.Get("deepseek-ocr-base");
        Assert.All(profile.Levels.Values, l => Assert.True(l.Planned));
        Assert.Equal(FidelityNames.ImageForms, new ImageCostEstimator(profile, []).Levels.Order());
        Assert.Equal([Fidelity.L1, Fidelity.L2], new ImageCostEstimator(ProfileCatalog.Get("claude"), []).Levels.Order());
    }
}
