using Shop.Domain.Orders;

namespace Shop.Infrastructure.Persistence;

/// <summary>Keeps orders in memory; used by the demo host and the service tests.</summary>
public sealed class InMemoryOrderRepository : InMemoryRepository<Order>, IOrderRepository
{
    /// <inheritdoc />
    public Task<IReadOnlyList<Order>> ListByCustomerAsync(Guid customerId, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Order> orders = All
            .Where(order => order.CustomerId == customerId)
            .OrderByDescending(order => order.CreatedAt)
            .Take(limit)
            .ToList();
        return Task.FromResult(orders);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Order>> ListByStatusAsync(OrderStatus status, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Order> orders = All
            .Where(order => order.Status == status)
            .OrderBy(order => order.CreatedAt)
            .ToList();
        return Task.FromResult(orders);
    }
}
