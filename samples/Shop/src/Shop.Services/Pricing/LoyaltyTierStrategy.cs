using Shop.Domain.Customers;
using Shop.Services.Extensions;

namespace Shop.Services.Pricing;

/// <summary>A standing discount for Silver and Gold customers.</summary>
public sealed class LoyaltyTierStrategy : IPricingStrategy
{
    /// <inheritdoc />
    public string Name => "loyalty";

    /// <inheritdoc />
    public DiscountOffer? Evaluate(PricingContext context)
    {
        var percent = context.Customer.Tier switch
        {
            CustomerTier.Gold => 10m,
            CustomerTier.Silver => 5m,
            _ => 0m,
        };

        return percent == 0m
            ? null
            : new DiscountOffer(context.Subtotal.Percent(percent), $"{context.Customer.Tier} member {percent}%");
    }
}
