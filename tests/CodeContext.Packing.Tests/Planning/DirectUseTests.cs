using CodeContext.Packing.Planning;

namespace CodeContext.Packing.Tests.Planning;

/// <summary>What the active file uses directly goes exact before larger, less related files do.</summary>
public sealed class DirectUseTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    [Fact]
    public void The_direct_uses_are_what_the_active_file_names_implements_and_calls()
    {
        var direct = DirectUses.Of(shop.Analysis.Graph, ShopFixture.Active);
        Assert.Contains("src/Shop.Services/Orders/IOrderService.cs", direct);
        Assert.Contains("src/Shop.Domain/Orders/Order.cs", direct);
        // The test uses the active file; the active file does not use it.
        Assert.DoesNotContain("tests/Shop.Tests/OrderServiceTests.cs", direct);
        Assert.DoesNotContain(ShopFixture.Active, direct);
        Assert.Empty(DirectUses.Of(shop.Analysis.Graph, "not/in/the/graph.cs"));
    }

    [Theory]
    [InlineData("deepseek-ocr-base", 8000)]
    [InlineData("deepseek-ocr-base", 12000)]
    [InlineData("claude", 12000)]
    public async Task A_direct_use_is_never_less_exact_than_a_less_relevant_larger_file(string profile, int budget)
    {
        var manifest = (await new ContextComposer().ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Profile = profile, Budget = budget }, CancellationToken.None)).Manifest;
        var direct = DirectUses.Of(shop.Analysis.Graph, ShopFixture.Active);
        var files = manifest.Files.Where(f => f.Path != ShopFixture.Active && f.Slices is null).ToList();
        foreach (var used in files.Where(f => direct.Contains(f.Path)))
        {
            foreach (var other in files.Where(f => !direct.Contains(f.Path) && f.Relevance <= used.Relevance && f.SourceTokens >= used.SourceTokens))
            {
                Assert.True(Exactness(used.Form) >= Exactness(other.Form), $"{used.Path} ({used.Form}) is less exact than {other.Path} ({other.Form})");
            }
        }

        Assert.Contains(files, f => direct.Contains(f.Path) && f.Form is "text" or "outline" && f.Why.Contains("declares what the active file uses", StringComparison.Ordinal));
    }

    private static int Exactness(string form) => form switch { "text" => 2, "outline" => 1, _ => 0 };
}
