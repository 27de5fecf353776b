using Shop.Services.Extensions;

namespace Shop.Services.Pricing;

/// <summary>Percentage discounts for promotional codes that are valid in a date window.</summary>
public sealed class DiscountCodeStrategy : IPricingStrategy
{
    private readonly IReadOnlyDictionary<string, Promotion> _promotions;

    /// <summary>Creates the strategy from the promotions currently configured.</summary>
    public DiscountCodeStrategy(IEnumerable<Promotion> promotions) =>
        _promotions = promotions.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public string Name => "discount-code";

    /// <inheritdoc />
    public DiscountOffer? Evaluate(PricingContext context)
    {
        if (string.IsNullOrWhiteSpace(context.DiscountCode)
            || !_promotions.TryGetValue(context.DiscountCode.Trim(), out var promotion)
            || !promotion.IsValidAt(context.Now)
            || context.Subtotal.Amount < promotion.MinimumSubtotal)
        {
            return null;
        }

        return new DiscountOffer(context.Subtotal.Percent(promotion.Percent), $"code {promotion.Code}");
    }
}

/// <summary>A promotional code.</summary>
/// <param name="Code">What the customer types, matched case-insensitively.</param>
/// <param name="Percent">The discount in percent of the subtotal.</param>
/// <param name="ValidFrom">First instant the code works.</param>
/// <param name="ValidUntil">The instant the code stops working.</param>
/// <param name="MinimumSubtotal">The smallest subtotal the code applies to.</param>
public sealed record Promotion(string Code, decimal Percent, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, decimal MinimumSubtotal = 0m)
{
    /// <summary>True inside the validity window (start inclusive, end exclusive).</summary>
    public bool IsValidAt(DateTimeOffset instant) => instant >= ValidFrom && instant < ValidUntil;
}
