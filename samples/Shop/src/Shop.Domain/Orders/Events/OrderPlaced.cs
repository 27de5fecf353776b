using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Domain.Orders.Events;

/// <summary>A customer submitted an order.</summary>
public sealed record OrderPlaced(Guid OrderId, Guid CustomerId, Money Total, int LineCount, DateTimeOffset OccurredAt)
    : DomainEvent(OccurredAt)
{
    /// <inheritdoc />
    public override string EventName => "order.placed";
}
