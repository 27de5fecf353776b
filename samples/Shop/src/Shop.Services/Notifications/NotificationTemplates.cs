using Shop.Domain.Customers;
using Shop.Domain.Orders.Events;
using Shop.Services.Extensions;

namespace Shop.Services.Notifications;

/// <summary>Turns order events into the texts customers receive.</summary>
public static class NotificationTemplates
{
    // 注意：文案由市场部维护，修改前请先与他们确认。(Marketing owns this copy; ask them before changing it.)

    /// <summary>The confirmation sent when an order is placed.</summary>
    public static Notification OrderPlaced(Customer customer, OrderPlaced placed) => new(
        customer,
        $"Thank you for your order {ShortId(placed.OrderId)}",
        $"Hello {customer.Name}, we received your order of {placed.LineCount} item(s) " +
        $"totalling {placed.Total.ToDisplayString()}. We will let you know when it ships.");

    /// <summary>Sent when the payment went through.</summary>
    public static Notification OrderPaid(Customer customer, OrderPaid paid) => new(
        customer,
        $"Payment received for order {ShortId(paid.OrderId)} 🎉",
        $"🎉 Thanks {customer.Name}! We received {paid.Amount.ToDisplayString()} (reference {paid.PaymentReference}). Your tea is being packed ☕.");

    /// <summary>Sent when an order is cancelled; urgent, so it also goes out by text message.</summary>
    public static Notification OrderCancelled(Customer customer, OrderCancelled cancelled) => new(
        customer,
        $"Your order {ShortId(cancelled.OrderId)} was cancelled",
        $"Hello {customer.Name}, your order {ShortId(cancelled.OrderId)} was cancelled: {cancelled.Reason}.",
        Urgent: true);

    private static string ShortId(Guid orderId) => orderId.ToString("N")[..8].ToUpperInvariant();
}
