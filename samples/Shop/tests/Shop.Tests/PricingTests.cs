using Shop.Domain.Orders;
using Shop.Services.Pricing;
using Shop.Tests.Fakes;
using static Shop.Tests.Fakes.TestData;

namespace Shop.Tests;

public sealed class PricingTests
{
    private static readonly DateTimeOffset Now = FixedClock.Default;

    private static readonly Promotion Spring = new("SPRING25", 25m, Now.AddDays(-10), Now.AddDays(10), MinimumSubtotal: 40m);

    private static PricingContext Context(decimal lifetimeSpend, string? code, params OrderLine[] lines)
    {
        var subtotal = lines.Aggregate(Eur(0m), (sum, line) => sum + line.LineTotal);
        return new PricingContext(Customer(lifetimeSpendEur: lifetimeSpend), lines, subtotal, code, Now);
    }

    [Theory]
    [InlineData("SPRING25")]
    [InlineData("spring25")]
    public void Discount_code_takes_its_percentage(string code)
    {
        var offer = new DiscountCodeStrategy([Spring]).Evaluate(Context(0m, code, Line("TEA-0107", 3, 16m)));

        Assert.NotNull(offer);
        Assert.Equal(Eur(12m), offer.Amount);
        Assert.Equal("code SPRING25", offer.Reason);
    }

    [Fact]
    public void Discount_code_respects_window_and_minimum()
    {
        var strategy = new DiscountCodeStrategy([Spring]);
        var small = Context(0m, "SPRING25", Line("TEA-0001", 1, 8.90m));
        var late = Context(0m, "SPRING25", Line("TEA-0107", 3, 16m)) with { Now = Now.AddDays(11) };

        Assert.Null(strategy.Evaluate(small));
        Assert.Null(strategy.Evaluate(late));
        Assert.Null(strategy.Evaluate(Context(0m, "NOPE", Line("TEA-0107", 3, 16m))));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(600, 2.5)]
    [InlineData(2500, 5.0)]
    public void Loyalty_discount_follows_the_tier(decimal lifetimeSpend, double? expectedEur)
    {
        var offer = new LoyaltyTierStrategy().Evaluate(Context(lifetimeSpend, null, Line("COF-0003", 2, 25m)));

        Assert.Equal(expectedEur is null ? null : Eur((decimal)expectedEur.Value), offer?.Amount);
    }

    [Fact]
    public void Bulk_discount_applies_only_to_bulk_lines()
    {
        var offer = new BulkQuantityStrategy(minimumUnits: 10, percent: 15m)
            .Evaluate(Context(0m, null, Line("COF-0003", 12, 24m), Line("TEA-0001", 2, 8.90m)));

        Assert.NotNull(offer);
        Assert.Equal(Eur(43.20m), offer.Amount);
    }

    [Fact]
    public void Engine_picks_the_largest_offer_without_stacking()
    {
        var engine = new PricingEngine([new DiscountCodeStrategy([Spring]), new LoyaltyTierStrategy(), new BulkQuantityStrategy()]);

        var offer = engine.BestOffer(Context(2500m, "SPRING25", Line("TEA-0107", 4, 16m)));

        Assert.NotNull(offer);
        Assert.Equal(Eur(16m), offer.Amount);
        Assert.Equal("code SPRING25", offer.Reason);
    }

    [Fact]
    public void Engine_returns_null_when_nothing_applies()
    {
        var engine = new PricingEngine([new LoyaltyTierStrategy(), new BulkQuantityStrategy()]);

        Assert.Null(engine.BestOffer(Context(0m, null, Line("TEA-0001", 1, 8.90m))));
    }
}
