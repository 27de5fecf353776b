using Shop.Domain.ValueObjects;

namespace Shop.Services.Shipping;

/// <summary>
/// Domestic letter-box parcels: one price up to 2 kg, free above a goods value. Only ships
/// inside the shop's home country.
/// </summary>
public sealed class FlatRateShippingCalculator : IShippingRateCalculator
{
    private const decimal MaxWeightKg = 2m;
    private const string HomeCountry = "DE";

    private readonly decimal _price;
    private readonly decimal _freeAbove;

    /// <summary>Creates the calculator with a flat price and a free-shipping threshold (both in the order currency).</summary>
    public FlatRateShippingCalculator(decimal price = 4.90m, decimal freeAbove = 49m)
    {
        _price = price;
        _freeAbove = freeAbove;
    }

    /// <inheritdoc />
    public string Carrier => "Post (flat rate)";

    /// <inheritdoc />
    public ShippingQuote? Quote(Shipment shipment)
    {
        if (shipment.Destination.CountryCode != HomeCountry || shipment.WeightKg > MaxWeightKg)
        {
            return null;
        }

        var price = shipment.GoodsValue.Amount >= _freeAbove ? 0m : _price;
        return new ShippingQuote(Carrier, new Money(price, shipment.GoodsValue.Currency), EstimatedDays: 2);
    }
}
