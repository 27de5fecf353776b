using Shop.Domain.Common;
using Shop.Domain.Customers;
using Shop.Domain.Orders.Events;
using Shop.Services.Events;

namespace Shop.Services.Notifications;

/// <summary>
/// Publishes order events as customer notifications over every channel that can deliver them.
/// A failing channel is reported and skipped, because a lost e-mail must never undo a placed order.
/// </summary>
public sealed class NotificationDispatcher : IDomainEventPublisher
{
    private readonly ICustomerRepository _customers;
    private readonly IReadOnlyList<INotificationChannel> _channels;
    private readonly List<string> _failures = [];

    /// <summary>Creates the dispatcher over the registered channels.</summary>
    public NotificationDispatcher(ICustomerRepository customers, IEnumerable<INotificationChannel> channels)
    {
        _customers = customers;
        _channels = [.. channels];
    }

    /// <summary>Deliveries that failed since start-up, as "channel: message" lines (for the health endpoint).</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <inheritdoc />
    public async Task PublishAsync(IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var domainEvent in events)
        {
            var notification = await ToNotificationAsync(domainEvent, cancellationToken);
            if (notification is null)
            {
                continue;
            }

            foreach (var channel in _channels.Where(c => c.CanDeliver(notification)))
            {
                try
                {
                    await channel.DeliverAsync(notification, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _failures.Add($"{channel.Name}: {domainEvent.EventName} for {notification.Recipient.Id}: {ex.Message}");
                }
            }
        }
    }

    private async Task<Notification?> ToNotificationAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var customerId = domainEvent switch
        {
            OrderPlaced e => e.CustomerId,
            OrderPaid e => e.CustomerId,
            OrderCancelled e => e.CustomerId,
            _ => Guid.Empty,
        };
        if (customerId == Guid.Empty)
        {
            return null;
        }

        var customer = await _customers.FindAsync(customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        return domainEvent switch
        {
            OrderPlaced e => NotificationTemplates.OrderPlaced(customer, e),
            OrderPaid e => NotificationTemplates.OrderPaid(customer, e),
            OrderCancelled e => NotificationTemplates.OrderCancelled(customer, e),
            _ => null,
        };
    }
}
