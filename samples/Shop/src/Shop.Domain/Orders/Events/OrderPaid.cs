using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Domain.Orders.Events;

/// <summary>The payment for an order was captured.</summary>
public sealed record OrderPaid(Guid OrderId, Guid CustomerId, Money Amount, string PaymentReference, DateTimeOffset OccurredAt)
    : DomainEvent(OccurredAt)
{
    /// <inheritdoc />
    public override string EventName => "order.paid";
}
