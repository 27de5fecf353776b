using Shop.Services.Shipping;
using static Shop.Tests.Fakes.TestData;

namespace Shop.Tests;

public sealed class ShippingTests
{
    [Fact]
    public void Flat_rate_is_domestic_light_and_free_above_the_threshold()
    {
        var calculator = new FlatRateShippingCalculator(price: 4.90m, freeAbove: 49m);

        Assert.Equal(Eur(4.90m), calculator.Quote(new Shipment(Berlin, 1.5m, Eur(20m)))?.Price);
        Assert.Equal(Eur(0m), calculator.Quote(new Shipment(Berlin, 1.5m, Eur(49m)))?.Price);
        Assert.Null(calculator.Quote(new Shipment(Berlin, 2.5m, Eur(20m))));
        Assert.Null(calculator.Quote(new Shipment(Tokyo, 0.5m, Eur(20m))));
    }

    [Theory]
    [InlineData(0.4, "DE", 6.70, 3)]
    [InlineData(2.46, "DE", 9.10, 3)]
    [InlineData(12.6, "JP", 33.10, 7)]
    public void Weight_based_charges_per_started_kilogram(decimal weightKg, string country, decimal expectedPrice, int expectedDays)
    {
        var destination = country == "JP" ? Tokyo : Berlin;

        var quote = new WeightBasedShippingCalculator().Quote(new Shipment(destination, weightKg, Eur(100m)));

        Assert.NotNull(quote);
        Assert.Equal(Eur(expectedPrice), quote.Price);
        Assert.Equal(expectedDays, quote.EstimatedDays);
    }

    [Fact]
    public void Weight_based_refuses_parcels_over_its_limit()
    {
        Assert.Null(new WeightBasedShippingCalculator().Quote(new Shipment(Berlin, 40m, Eur(100m))));
    }
}
