using Shop.Domain.Common;
using Shop.Domain.Orders;

namespace Shop.Services.Orders;

/// <summary>The use cases around orders, as called by the API and background jobs.</summary>
public interface IOrderService
{
    /// <summary>
    /// Prices, places and pays for an order in one step. Expected failures (unknown products,
    /// broken rules, declined payment) come back as a failed result.
    /// </summary>
    Task<Result<OrderReceipt>> PlaceOrderAsync(PlaceOrderCommand command, CancellationToken cancellationToken = default);

    /// <summary>Cancels an order and refunds it when it was already paid.</summary>
    Task<Result<OrderReceipt>> CancelOrderAsync(Guid orderId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Finds an order, or returns null.</summary>
    Task<Order?> GetOrderAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>The customer's most recent orders.</summary>
    Task<IReadOnlyList<Order>> ListCustomerOrdersAsync(Guid customerId, int limit = 20, CancellationToken cancellationToken = default);
}
