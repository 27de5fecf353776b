using Shop.Domain.ValueObjects;

namespace Shop.Services.Shipping;

/// <summary>Quotes the price of sending a parcel with one carrier.</summary>
public interface IShippingRateCalculator
{
    /// <summary>The carrier's name, shown at checkout.</summary>
    string Carrier { get; }

    /// <summary>Returns a quote, or null when the carrier does not ship to the destination.</summary>
    ShippingQuote? Quote(Shipment shipment);
}

/// <summary>A parcel to quote.</summary>
/// <param name="Destination">Where it goes.</param>
/// <param name="WeightKg">Total weight of the physical items.</param>
/// <param name="GoodsValue">Value of the goods, after discount (some carriers ship free above a value).</param>
public sealed record Shipment(Address Destination, decimal WeightKg, Money GoodsValue);

/// <summary>A carrier's price for a shipment.</summary>
public sealed record ShippingQuote(string Carrier, Money Price, int EstimatedDays);
