using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Domain.Customers;
using Shop.Domain.Orders;
using Shop.Domain.Payments;
using Shop.Domain.ValueObjects;
using Shop.Services.Events;
using Shop.Services.Pricing;
using Shop.Services.Shipping;

namespace Shop.Services.Orders;

/// <summary>
/// Places, cancels and looks up orders. Placing an order prices it (<see cref="PricingEngine"/>),
/// quotes shipping, saves it, charges the customer and publishes the resulting events.
/// </summary>
public sealed class OrderService : IOrderService
{
    private readonly IOrderRepository _orders;
    private readonly ICustomerRepository _customers;
    private readonly IProductCatalog _catalog;
    private readonly IPaymentGateway _payments;
    private readonly PricingEngine _pricing;
    private readonly IReadOnlyList<IShippingRateCalculator> _shippingCalculators;
    private readonly IDomainEventPublisher _events;
    private readonly IClock _clock;

    /// <summary>Creates the service; every dependency comes from the container.</summary>
    public OrderService(
        IOrderRepository orders,
        ICustomerRepository customers,
        IProductCatalog catalog,
        IPaymentGateway payments,
        PricingEngine pricing,
        IEnumerable<IShippingRateCalculator> shippingCalculators,
        IDomainEventPublisher events,
        IClock clock)
    {
        _orders = orders;
        _customers = customers;
        _catalog = catalog;
        _payments = payments;
        _pricing = pricing;
        _shippingCalculators = [.. shippingCalculators];
        _events = events;
        _clock = clock;
    }

    /// <inheritdoc />
    public async Task<Result<OrderReceipt>> PlaceOrderAsync(PlaceOrderCommand command, CancellationToken cancellationToken = default)
    {
        if (command.Items.Count == 0)
        {
            return Result<OrderReceipt>.Failure("An order needs at least one item.");
        }

        var customer = await _customers.FindAsync(command.CustomerId, cancellationToken);
        if (customer is null)
        {
            return Result<OrderReceipt>.Failure($"Customer {command.CustomerId} does not exist.");
        }

        var products = await LoadProductsAsync(command, cancellationToken);
        if (!products.IsSuccess)
        {
            return Result<OrderReceipt>.Failure([.. products.Errors]);
        }

        var order = Order.Create(customer.Id, command.Currency, command.ShippingAddress ?? customer.DefaultShippingAddress, _clock);
        foreach (var item in command.Items)
        {
            var product = products.Value[Sku.Parse(item.Sku)];
            order.AddLine(new OrderLine(product.Sku, product.Name, item.Quantity, product.Price));
        }

        var offer = _pricing.BestOffer(new PricingContext(customer, order.Lines, order.Subtotal, command.DiscountCode, _clock.UtcNow));
        if (offer is not null)
        {
            order.ApplyDiscount(offer.Amount, offer.Reason);
        }

        var quote = QuoteShipping(order, products.Value.Values);
        if (quote is null)
        {
            return Result<OrderReceipt>.Failure($"No carrier ships to {order.ShippingAddress.CountryCode}.");
        }

        order.SetShippingCost(quote.Price);

        var errors = order.Validate();
        if (errors.Count > 0)
        {
            return Result<OrderReceipt>.Failure([.. errors]);
        }

        order.Place(_clock);
        await _orders.AddAsync(order, cancellationToken);

        var payment = await _payments.ChargeAsync(new PaymentRequest(order.Id, order.Total, command.PaymentMethodToken), cancellationToken);
        if (payment.Succeeded)
        {
            order.MarkPaid(payment.Reference!, _clock);
            RecordPurchase(customer, order);
            await _customers.UpdateAsync(customer, cancellationToken);
        }
        else
        {
            order.Cancel($"payment declined by {_payments.ProviderName}: {payment.FailureReason}", _clock);
        }

        await _orders.UpdateAsync(order, cancellationToken);
        await _events.PublishAsync(order.DequeueEvents(), cancellationToken);

        return payment.Succeeded
            ? Result<OrderReceipt>.Success(OrderReceipt.From(order))
            : Result<OrderReceipt>.Failure($"Payment declined: {payment.FailureReason}");
    }

    /// <inheritdoc />
    public async Task<Result<OrderReceipt>> CancelOrderAsync(Guid orderId, string reason, CancellationToken cancellationToken = default)
    {
        var order = await _orders.FindAsync(orderId, cancellationToken);
        if (order is null)
        {
            return Result<OrderReceipt>.Failure($"Order {orderId} does not exist.");
        }

        if (order.Status is OrderStatus.Shipped or OrderStatus.Cancelled)
        {
            return Result<OrderReceipt>.Failure($"Order {orderId} is {order.Status} and cannot be cancelled.");
        }

        if (order.Status == OrderStatus.Paid)
        {
            var refund = await _payments.RefundAsync(order.PaymentReference!, order.Total, cancellationToken);
            if (!refund.Succeeded)
            {
                return Result<OrderReceipt>.Failure($"Refund failed: {refund.FailureReason}");
            }
        }

        order.Cancel(reason, _clock);
        await _orders.UpdateAsync(order, cancellationToken);
        await _events.PublishAsync(order.DequeueEvents(), cancellationToken);
        return Result<OrderReceipt>.Success(OrderReceipt.From(order));
    }

    /// <inheritdoc />
    public Task<Order?> GetOrderAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        _orders.FindAsync(orderId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Order>> ListCustomerOrdersAsync(Guid customerId, int limit = 20, CancellationToken cancellationToken = default) =>
        _orders.ListByCustomerAsync(customerId, Math.Clamp(limit, 1, 100), cancellationToken);

    private async Task<Result<IReadOnlyDictionary<Sku, Product>>> LoadProductsAsync(PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var skus = new List<Sku>();
        foreach (var item in command.Items)
        {
            if (Sku.TryParse(item.Sku, out var sku))
            {
                skus.Add(sku);
            }
            else
            {
                errors.Add($"'{item.Sku}' is not a valid SKU.");
            }
        }

        var products = await _catalog.FindManyAsync(skus, cancellationToken);
        foreach (var sku in skus)
        {
            if (!products.TryGetValue(sku, out var product) || !product.IsActive)
            {
                errors.Add($"{sku} is not for sale.");
            }
            else if (product.Price.Currency != command.Currency)
            {
                errors.Add($"{sku} is not sold in {command.Currency}.");
            }
        }

        return errors.Count == 0
            ? Result<IReadOnlyDictionary<Sku, Product>>.Success(products)
            : Result<IReadOnlyDictionary<Sku, Product>>.Failure([.. errors]);
    }

    private ShippingQuote? QuoteShipping(Order order, IEnumerable<Product> products)
    {
        var weights = products.Where(p => p.IsPhysical).ToDictionary(p => p.Sku, p => p.WeightKg);
        var weightKg = order.Lines.Sum(line => weights.GetValueOrDefault(line.Sku) * line.Quantity);
        if (weightKg == 0m)
        {
            // Gift cards only: sent by e-mail, no carrier involved.
            return new ShippingQuote("e-mail", Money.Zero(order.Currency), EstimatedDays: 0);
        }

        var shipment = new Shipment(order.ShippingAddress, weightKg, order.Subtotal - order.Discount);
        return _shippingCalculators
            .Select(calculator => calculator.Quote(shipment))
            .OfType<ShippingQuote>()
            .OrderBy(q => q.Price.Amount)
            .ThenBy(q => q.EstimatedDays)
            .FirstOrDefault();
    }

    // Loyalty tiers are defined in euros; other currencies are converted by the nightly finance job.
    private static void RecordPurchase(Customer customer, Order order)
    {
        if (order.Currency == Currency.EUR)
        {
            customer.RecordPurchase(order.Total.Amount);
        }
    }
}
