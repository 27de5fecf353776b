namespace Shop.Services.Pricing;

/// <summary>Asks every registered strategy for an offer and picks the best one for the customer.</summary>
public sealed class PricingEngine
{
    private readonly IReadOnlyList<IPricingStrategy> _strategies;

    /// <summary>Creates the engine over the strategies registered in the container.</summary>
    public PricingEngine(IEnumerable<IPricingStrategy> strategies) => _strategies = [.. strategies];

    /// <summary>The largest discount any strategy offers, capped at the subtotal; null when none applies.</summary>
    public DiscountOffer? BestOffer(PricingContext context)
    {
        DiscountOffer? best = null;
        foreach (var strategy in _strategies)
        {
            var offer = strategy.Evaluate(context);
            if (offer is null || offer.Amount.IsZero)
            {
                continue;
            }

            if (best is null || offer.Amount > best.Amount)
            {
                best = offer;
            }
        }

        return best is not null && best.Amount > context.Subtotal
            ? best with { Amount = context.Subtotal }
            : best;
    }
}
