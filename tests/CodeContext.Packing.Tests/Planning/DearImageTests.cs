namespace CodeContext.Packing.Tests.Planning;

/// <summary>
/// Where images cost more than the text they carry, the bundle carries the text. (The sample does
/// not need the repair; a 766-file library at 32k with the claude profile did: an L4 page of 1,070
/// tokens carried one file of 591.)
/// </summary>
public sealed class DearImageTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    [Theory]
    [InlineData("claude", 6000)]
    [InlineData("claude", 24000)]
    [InlineData("gpt-4o", 24000)]
    [InlineData("qwen2.5-vl", 24000)]
    [InlineData("deepseek-ocr-base", 6000)]
    public async Task On_the_sample_no_level_spends_more_on_pages_than_the_source_they_show(string profile, int budget) =>
        AssertNoDearLevel((await new ContextComposer().ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Profile = profile, Budget = budget }, CancellationToken.None)).Manifest, profile, budget);

    private static void AssertNoDearLevel(Manifest manifest, string profile, int budget)
    {
        Assert.True(manifest.Totals.Total <= budget);
        foreach (var level in manifest.Segments.Where(s => s.Kind == "image").GroupBy(s => s.Role))
        {
            var pages = level.Sum(s => s.Tokens);
            var shown = manifest.Files.Where(f => f.Form == level.Key || f.Slices?.Any(s => s.Form == level.Key) == true).Sum(f => f.SourceTokens ?? 0);
            Assert.True(pages < shown, $"{profile} at {budget}: {level.Key} pages cost {pages} tokens for {shown} tokens of source");
        }
    }
}
