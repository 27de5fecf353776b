using Shop.Domain.Common;
using Shop.Domain.Customers;
using Shop.Domain.Orders;
using Shop.Domain.ValueObjects;
using Shop.Infrastructure.Payments;
using Shop.Infrastructure.Persistence;
using Shop.Services.Notifications;
using Shop.Services.Orders;
using Shop.Services.Pricing;
using Shop.Services.Shipping;
using Shop.Tests.Fakes;
using static Shop.Tests.Fakes.TestData;

namespace Shop.Tests;

/// <summary>
/// <see cref="OrderService"/> wired to the real in-memory repositories, pricing, shipping and
/// notification code; only the clock and the message senders are test doubles.
/// </summary>
public sealed class OrderServiceTests
{
    private readonly FixedClock _clock = new();
    private readonly InMemoryOrderRepository _orders = new();
    private readonly InMemoryCustomerRepository _customers = new();
    private readonly InMemoryProductCatalog _catalog = new();
    private readonly FakePaymentGateway _payments = new();
    private readonly RecordingEmailSender _mail = new();
    private readonly RecordingSmsSender _sms = new();
    private readonly OrderService _service;

    public OrderServiceTests()
    {
        _catalog.Upsert(Product("TEA-0001", 8.90m, weightKg: 0.12m));
        _catalog.Upsert(Product("TEA-0042", 11.50m, weightKg: 0.28m));
        _catalog.Upsert(Product("COF-0003", 24.00m, weightKg: 1.05m, category: Domain.Catalog.ProductCategory.Coffee));
        _catalog.Upsert(Product("EQP-0010", 59.00m, weightKg: 1.90m, category: Domain.Catalog.ProductCategory.Equipment));
        _catalog.Upsert(Product("GIFT-0025", 25.00m, weightKg: 0m, category: Domain.Catalog.ProductCategory.GiftCard));

        var promotions = new[] { new Promotion("WELCOME10", 10m, DateTimeOffset.MinValue, DateTimeOffset.MaxValue) };
        _service = new OrderService(
            _orders,
            _customers,
            _catalog,
            _payments,
            new PricingEngine([new DiscountCodeStrategy(promotions), new LoyaltyTierStrategy(), new BulkQuantityStrategy()]),
            [new FlatRateShippingCalculator(), new WeightBasedShippingCalculator()],
            new NotificationDispatcher(_customers, [new EmailNotificationChannel(_mail), new SmsNotificationChannel(_sms)]),
            _clock);
    }

    private async Task<Customer> AddCustomerAsync(decimal lifetimeSpendEur = 0m, string? phone = null, Address? address = null)
    {
        var customer = Customer(lifetimeSpendEur: lifetimeSpendEur, phone: phone, address: address);
        await _customers.AddAsync(customer);
        return customer;
    }

    private static PlaceOrderCommand Command(Customer customer, string token = "tok_visa", string? code = null, params (string Sku, int Quantity)[] items) =>
        new(customer.Id, [.. items.Select(i => new OrderItemRequest(i.Sku, i.Quantity))], Currency.EUR, token, code);

    [Fact]
    public async Task Places_prices_ships_and_charges_an_order()
    {
        var customer = await AddCustomerAsync();

        var result = await _service.PlaceOrderAsync(Command(customer, code: "WELCOME10", items: [("TEA-0042", 2), ("EQP-0010", 1)]));

        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
        var receipt = result.Value;
        Assert.Equal(OrderStatus.Paid, receipt.Status);
        Assert.Equal(Eur(82.00m), receipt.Subtotal);
        Assert.Equal(Eur(8.20m), receipt.Discount);
        Assert.Equal(Eur(9.10m), receipt.ShippingCost);
        Assert.Equal(Eur(82.90m), receipt.Total);

        var stored = await _orders.FindAsync(receipt.OrderId);
        Assert.NotNull(stored);
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.Equal(receipt.PaymentReference, stored.PaymentReference);
        Assert.Equal(Eur(82.90m), Assert.Single(_payments.Charges.Values).Amount);
    }

    [Fact]
    public async Task Paid_orders_count_towards_the_loyalty_tier()
    {
        var customer = await AddCustomerAsync(lifetimeSpendEur: 450m);

        await _service.PlaceOrderAsync(Command(customer, items: [("EQP-0010", 1)]));

        Assert.Equal(CustomerTier.Silver, customer.Tier);
        Assert.True(customer.LifetimeSpendEur > 500m);
    }

    [Fact]
    public async Task Light_domestic_orders_use_the_flat_rate()
    {
        var customer = await AddCustomerAsync();

        var result = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0001", 2)]));

        Assert.Equal(Eur(4.90m), result.Value.ShippingCost);
    }

    [Fact]
    public async Task Gift_cards_alone_ship_for_free()
    {
        var customer = await AddCustomerAsync(address: Tokyo);

        var result = await _service.PlaceOrderAsync(Command(customer, items: [("GIFT-0025", 2)]));

        Assert.True(result.IsSuccess);
        Assert.True(result.Value.ShippingCost.IsZero);
    }

    [Fact]
    public async Task The_best_discount_wins()
    {
        var gold = await AddCustomerAsync(lifetimeSpendEur: 3_000m);

        var result = await _service.PlaceOrderAsync(Command(gold, code: "WELCOME10", items: [("COF-0003", 12)]));

        // Bulk (15%) beats both the code and the Gold tier (10% each).
        Assert.Equal(Eur(43.20m), result.Value.Discount);
    }

    [Fact]
    public async Task Sends_confirmation_and_payment_mails()
    {
        var customer = await AddCustomerAsync();

        await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0001", 1)]));

        Assert.Collection(
            _mail.Sent,
            mail => Assert.StartsWith("Thank you for your order", mail.Subject),
            mail => Assert.Contains("Payment received", mail.Subject));
        Assert.All(_mail.Sent, mail => Assert.Equal(customer.Email.Value, mail.To));
        Assert.Empty(_sms.Sent);
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order_and_texts_the_customer()
    {
        var customer = await AddCustomerAsync(phone: "+49 30 000000");

        var result = await _service.PlaceOrderAsync(Command(customer, token: FakePaymentGateway.DeclinedToken, items: [("TEA-0001", 1)]));

        Assert.False(result.IsSuccess);
        Assert.Contains("card declined", Assert.Single(result.Errors));
        var stored = Assert.Single(await _orders.ListByCustomerAsync(customer.Id, 10));
        Assert.Equal(OrderStatus.Cancelled, stored.Status);
        Assert.Contains("cancelled", Assert.Single(_sms.Sent).Text);
        Assert.Equal(0m, customer.LifetimeSpendEur);
    }

    [Fact]
    public async Task Unknown_and_malformed_skus_are_all_reported()
    {
        var customer = await AddCustomerAsync();

        var result = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-9999", 1), ("not a sku", 1), ("TEA-0001", 1)]));

        Assert.False(result.IsSuccess);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Contains("TEA-9999"));
        Assert.Contains(result.Errors, e => e.Contains("not a sku"));
        Assert.Equal(0, _orders.Count);
    }

    [Fact]
    public async Task Delisted_products_cannot_be_ordered()
    {
        var customer = await AddCustomerAsync();
        var product = await _catalog.FindBySkuAsync(Sku.Parse("TEA-0042"));
        product!.Delist();

        var result = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0042", 1)]));

        Assert.Equal("TEA-0042 is not for sale.", Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Orders_in_a_currency_the_products_are_not_priced_in_are_refused()
    {
        var customer = await AddCustomerAsync();
        var command = Command(customer, items: [("TEA-0001", 1)]) with { Currency = Currency.USD };

        var result = await _service.PlaceOrderAsync(command);

        Assert.Equal("TEA-0001 is not sold in USD.", Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Unknown_customers_are_refused()
    {
        var stranger = Customer("Nobody");

        var result = await _service.PlaceOrderAsync(Command(stranger, items: [("TEA-0001", 1)]));

        Assert.Contains("does not exist", Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Rule_violations_come_back_as_errors_not_exceptions()
    {
        var customer = await AddCustomerAsync();

        var result = await _service.PlaceOrderAsync(Command(customer, items: [("GIFT-0025", 999)]));

        Assert.False(result.IsSuccess);
        Assert.Contains("manual review", Assert.Single(result.Errors));
        Assert.Empty(_payments.Charges);
    }

    [Fact]
    public async Task Cancelling_a_paid_order_refunds_it()
    {
        var customer = await AddCustomerAsync();
        var placed = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0001", 1)]));

        var cancelled = await _service.CancelOrderAsync(placed.Value.OrderId, "changed my mind");

        Assert.True(cancelled.IsSuccess);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Value.Status);
        Assert.True(_payments.Charges[placed.Value.PaymentReference!].Refunded);
        Assert.Contains(_mail.Sent, mail => mail.Body.Contains("changed my mind"));
    }

    [Fact]
    public async Task Cancelling_twice_is_refused()
    {
        var customer = await AddCustomerAsync();
        var placed = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0001", 1)]));
        await _service.CancelOrderAsync(placed.Value.OrderId, "first");

        var again = await _service.CancelOrderAsync(placed.Value.OrderId, "second");

        Assert.False(again.IsSuccess);
        Assert.Contains("Cancelled", Assert.Single(again.Errors));
    }

    [Fact]
    public async Task Lists_a_customers_orders_newest_first()
    {
        var customer = await AddCustomerAsync();
        var first = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0001", 1)]));
        _clock.Advance(TimeSpan.FromHours(1));
        var second = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0042", 1)]));

        var orders = await _service.ListCustomerOrdersAsync(customer.Id);

        Assert.Equal([second.Value.OrderId, first.Value.OrderId], orders.Select(o => o.Id));
    }

    [Fact]
    public async Task A_failing_mail_server_does_not_undo_the_order()
    {
        var customer = await AddCustomerAsync();
        _mail.Fail = true;

        var result = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0001", 1)]));

        Assert.True(result.IsSuccess);
        Assert.Equal(OrderStatus.Paid, (await _orders.FindAsync(result.Value.OrderId))!.Status);
    }

    [Fact]
    public async Task Stale_updates_are_detected()
    {
        var customer = await AddCustomerAsync();
        var placed = await _service.PlaceOrderAsync(Command(customer, items: [("TEA-0001", 1)]));
        var order = (await _orders.FindAsync(placed.Value.OrderId))!;
        var stale = Order.Restore(order.ToSnapshot() with { Version = order.Version - 1 });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _orders.UpdateAsync(stale));
    }
}
