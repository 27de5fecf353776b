using Shop.Domain.Orders;
using Shop.Domain.ValueObjects;

namespace Shop.Services.Orders;

/// <summary>What the customer is told after an order operation.</summary>
public sealed record OrderReceipt(
    Guid OrderId,
    OrderStatus Status,
    Money Subtotal,
    Money Discount,
    Money ShippingCost,
    Money Total,
    string? PaymentReference)
{
    /// <summary>Builds the receipt from the order's current state.</summary>
    public static OrderReceipt From(Order order) => new(
        order.Id, order.Status, order.Subtotal, order.Discount, order.ShippingCost, order.Total, order.PaymentReference);
}
