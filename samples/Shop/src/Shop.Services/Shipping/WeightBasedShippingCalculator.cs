using Shop.Domain.ValueObjects;

namespace Shop.Services.Shipping;

/// <summary>
/// A parcel carrier that charges a base price plus a rate per started kilogram, with a surcharge
/// outside the EU for customs paperwork.
/// </summary>
public sealed class WeightBasedShippingCalculator : IShippingRateCalculator
{
    private const decimal BasePrice = 5.50m;
    private const decimal PricePerKg = 1.20m;
    private const decimal NonEuSurcharge = 12m;
    private const decimal MaxWeightKg = 31.5m;

    /// <inheritdoc />
    public string Carrier => "Parcel (by weight)";

    /// <inheritdoc />
    public ShippingQuote? Quote(Shipment shipment)
    {
        if (shipment.WeightKg > MaxWeightKg)
        {
            return null;
        }

        var startedKilograms = decimal.Ceiling(shipment.WeightKg);
        var price = BasePrice + (startedKilograms * PricePerKg);
        var days = 3;
        if (!shipment.Destination.IsInEu)
        {
            price += NonEuSurcharge;
            days = 7;
        }

        return new ShippingQuote(Carrier, new Money(price, shipment.GoodsValue.Currency), days);
    }
}
