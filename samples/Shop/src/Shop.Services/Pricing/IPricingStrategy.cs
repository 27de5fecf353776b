namespace Shop.Services.Pricing;

/// <summary>
/// One way of granting a discount. Strategies do not stack: the <see cref="PricingEngine"/> asks
/// each one and keeps the offer that saves the customer the most.
/// </summary>
public interface IPricingStrategy
{
    /// <summary>A short name for logs and the receipt, e.g. "loyalty".</summary>
    string Name { get; }

    /// <summary>Returns the discount this strategy grants, or null when it does not apply.</summary>
    DiscountOffer? Evaluate(PricingContext context);
}
