using Shop.Domain.ValueObjects;

namespace Shop.Services.Orders;

/// <summary>A request to buy some products.</summary>
/// <param name="CustomerId">The buying customer.</param>
/// <param name="Items">What to buy.</param>
/// <param name="Currency">The currency to charge in; every product must be priced in it.</param>
/// <param name="PaymentMethodToken">The provider's token for the customer's saved payment method.</param>
/// <param name="DiscountCode">An optional promotional code.</param>
/// <param name="ShippingAddress">Where to ship; null means the customer's default address.</param>
public sealed record PlaceOrderCommand(
    Guid CustomerId,
    IReadOnlyList<OrderItemRequest> Items,
    Currency Currency,
    string PaymentMethodToken,
    string? DiscountCode = null,
    Address? ShippingAddress = null);

/// <summary>One product and quantity in a <see cref="PlaceOrderCommand"/>.</summary>
public sealed record OrderItemRequest(string Sku, int Quantity);
