using Shop.Domain.Common;

namespace Shop.Services.Events;

/// <summary>Hands domain events to whoever reacts to them, after the aggregate was saved.</summary>
public interface IDomainEventPublisher
{
    /// <summary>Publishes the events in order. Failures of one subscriber must not stop the others.</summary>
    Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken = default);
}
