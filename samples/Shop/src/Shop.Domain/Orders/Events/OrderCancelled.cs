using Shop.Domain.Common;

namespace Shop.Domain.Orders.Events;

/// <summary>An order was cancelled before it shipped.</summary>
public sealed record OrderCancelled(Guid OrderId, Guid CustomerId, string Reason, DateTimeOffset OccurredAt)
    : DomainEvent(OccurredAt)
{
    /// <inheritdoc />
    public override string EventName => "order.cancelled";
}
