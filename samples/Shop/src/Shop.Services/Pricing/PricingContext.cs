using Shop.Domain.Customers;
using Shop.Domain.Orders;
using Shop.Domain.ValueObjects;

namespace Shop.Services.Pricing;

/// <summary>Everything a pricing strategy may look at.</summary>
/// <param name="Customer">The buying customer (for tier-based discounts).</param>
/// <param name="Lines">The order lines at list price.</param>
/// <param name="Subtotal">The sum of the lines.</param>
/// <param name="DiscountCode">The promotional code the customer typed, if any.</param>
/// <param name="Now">The pricing instant, so that time-limited promotions are deterministic.</param>
public sealed record PricingContext(
    Customer Customer,
    IReadOnlyList<OrderLine> Lines,
    Money Subtotal,
    string? DiscountCode,
    DateTimeOffset Now);

/// <summary>A discount a strategy is willing to grant.</summary>
/// <param name="Amount">How much comes off the subtotal.</param>
/// <param name="Reason">Shown on the receipt, e.g. "code SPRING25".</param>
public sealed record DiscountOffer(Money Amount, string Reason);
