using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Tests;

public sealed class SkuTests
{
    [Theory]
    [InlineData("TEA-0042", "TEA-0042", "TEA")]
    [InlineData("  gift-0025 ", "GIFT-0025", "GIFT")]
    public void Parses_and_normalises(string input, string value, string family)
    {
        var sku = Sku.Parse(input);

        Assert.Equal(value, sku.Value);
        Assert.Equal(family, sku.Family);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TE-0042")]
    [InlineData("TEA-42")]
    [InlineData("TEA_0042")]
    [InlineData("TEABAG-0042")]
    public void Rejects_malformed_codes(string input)
    {
        Assert.False(Sku.TryParse(input, out _));
        Assert.Throws<DomainException>(() => Sku.Parse(input));
    }

    [Fact]
    public void Equal_codes_are_equal_values()
    {
        Assert.Equal(Sku.Parse("tea-0001"), Sku.Parse("TEA-0001"));
    }
}
