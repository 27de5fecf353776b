using Shop.Domain.ValueObjects;
using Shop.Services.Extensions;

namespace Shop.Services.Pricing;

/// <summary>
/// Takes a percentage off every line that orders at least a threshold number of units, because
/// cafés buy whole cases and would otherwise go to a wholesaler.
/// </summary>
public sealed class BulkQuantityStrategy(int minimumUnits = 10, decimal percent = 15m) : IPricingStrategy
{
    /// <inheritdoc />
    public string Name => "bulk";

    /// <inheritdoc />
    public DiscountOffer? Evaluate(PricingContext context)
    {
        var bulkLines = context.Lines.Where(line => line.Quantity >= minimumUnits).ToList();
        if (bulkLines.Count == 0)
        {
            return null;
        }

        Money discount = bulkLines.Select(line => line.LineTotal.Percent(percent)).Sum(context.Subtotal.Currency);
        return new DiscountOffer(discount, $"{percent}% off {bulkLines.Count} bulk line(s)");
    }
}
