using Shop.Domain.Common;

namespace Shop.Domain.Orders;

/// <summary>Stores orders.</summary>
public interface IOrderRepository : IRepository<Order>
{
    /// <summary>The customer's orders, newest first.</summary>
    Task<IReadOnlyList<Order>> ListByCustomerAsync(Guid customerId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Orders in the given status, oldest first; used by the payment retry job.</summary>
    Task<IReadOnlyList<Order>> ListByStatusAsync(OrderStatus status, CancellationToken cancellationToken = default);
}
