using Shop.Domain.Common;
using Shop.Domain.ValueObjects;
using Shop.Services.Extensions;

namespace Shop.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1.005, Currency.EUR, 1.01)]
    [InlineData(2.5, Currency.JPY, 3)]
    [InlineData(-0.125, Currency.USD, -0.13)]
    public void Rounds_half_away_from_zero_to_the_minor_unit(decimal input, Currency currency, decimal expected)
    {
        Assert.Equal(expected, new Money(input, currency).Amount);
    }

    [Fact]
    public void Adds_and_subtracts_in_one_currency()
    {
        var total = new Money(10.10m, Currency.EUR) + new Money(0.95m, Currency.EUR) - new Money(1m, Currency.EUR);

        Assert.Equal(new Money(10.05m, Currency.EUR), total);
    }

    [Fact]
    public void Refuses_to_mix_currencies()
    {
        var ex = Assert.Throws<DomainException>(() => new Money(1m, Currency.EUR) + new Money(1m, Currency.USD));

        Assert.Contains("EUR", ex.Message);
        Assert.Contains("USD", ex.Message);
    }

    [Theory]
    [InlineData(100, 3, new[] { 33.34, 33.33, 33.33 })]
    [InlineData(0.05, 2, new[] { 0.03, 0.02 })]
    [InlineData(10, 4, new[] { 2.5, 2.5, 2.5, 2.5 })]
    public void Allocate_splits_without_losing_a_cent(decimal amount, int parts, double[] expected)
    {
        var shares = new Money(amount, Currency.EUR).Allocate(parts);

        Assert.Equal(expected.Select(e => (decimal)e), shares.Select(s => s.Amount));
        Assert.Equal(amount, shares.Sum(Currency.EUR).Amount);
    }

    [Fact]
    public void Percent_and_display_string()
    {
        var price = new Money(82m, Currency.EUR);

        Assert.Equal(new Money(8.2m, Currency.EUR), price.Percent(10m));
        Assert.Equal("€1,234.50", new Money(1234.5m, Currency.EUR).ToDisplayString());
        Assert.Equal("¥1,500", new Money(1500m, Currency.JPY).ToDisplayString());
    }

    [Fact]
    public void Percent_outside_zero_to_hundred_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money(1m, Currency.EUR).Percent(120m));
    }
}
