using Shop.Domain.Common;
using Shop.Domain.Orders;
using Shop.Domain.Orders.Events;
using Shop.Domain.ValueObjects;
using Shop.Tests.Fakes;
using static Shop.Tests.Fakes.TestData;

namespace Shop.Tests;

public sealed class OrderTests
{
    private readonly FixedClock _clock = new();

    [Fact]
    public void Adding_the_same_product_twice_raises_the_quantity()
    {
        var order = Order.Create(Guid.NewGuid(), Currency.EUR, Berlin, _clock);

        order.AddLine(Line("TEA-0001", 1, 8.90m));
        order.AddLine(Line("TEA-0001", 2, 8.90m));

        var line = Assert.Single(order.Lines);
        Assert.Equal(3, line.Quantity);
        Assert.Equal(Eur(26.70m), order.Subtotal);
    }

    [Fact]
    public void Total_is_subtotal_minus_discount_plus_shipping()
    {
        var order = Order.Create(Guid.NewGuid(), Currency.EUR, Berlin, _clock);
        order.AddLine(Line("TEA-0042", 2, 11.50m));
        order.ApplyDiscount(Eur(2.30m), "test");
        order.SetShippingCost(Eur(4.90m));

        Assert.Equal(Eur(25.60m), order.Total);
    }

    [Fact]
    public void An_empty_order_cannot_be_placed()
    {
        var order = Order.Create(Guid.NewGuid(), Currency.EUR, Berlin, _clock);

        Assert.Contains("An order needs at least one line.", order.Validate());
        Assert.Throws<DomainException>(() => order.Place(_clock));
        Assert.Equal(OrderStatus.Draft, order.Status);
    }

    [Fact]
    public void Orders_over_the_automatic_limit_need_review()
    {
        var order = Order.Create(Guid.NewGuid(), Currency.EUR, Berlin, _clock);
        order.AddLine(Line("EQP-0010", 200, 59m));

        var error = Assert.Single(order.Validate());
        Assert.Contains("manual review", error);
    }

    [Fact]
    public void Placing_paying_and_cancelling_raise_events_in_order()
    {
        var customerId = Guid.NewGuid();
        var order = Order.Create(customerId, Currency.EUR, Berlin, _clock);
        order.AddLine(Line("TEA-0001", 1, 8.90m));

        order.Place(_clock);
        order.MarkPaid("fp_000001", _clock);
        order.Cancel("changed my mind", _clock);

        var events = order.DequeueEvents();
        Assert.Collection(
            events,
            e => Assert.Equal(new OrderPlaced(order.Id, customerId, Eur(8.90m), 1, _clock.UtcNow), e),
            e => Assert.Equal("order.paid", e.EventName),
            e => Assert.Equal("changed my mind", Assert.IsType<OrderCancelled>(e).Reason));
        Assert.Empty(order.DequeueEvents());
    }

    [Fact]
    public void Placed_orders_are_frozen()
    {
        var order = Order.Create(Guid.NewGuid(), Currency.EUR, Berlin, _clock);
        order.AddLine(Line("TEA-0001", 1, 8.90m));
        order.Place(_clock);

        Assert.Throws<DomainException>(() => order.AddLine(Line("TEA-0042", 1, 11.50m)));
        Assert.Throws<DomainException>(() => order.ApplyDiscount(Eur(1m), "late"));
    }

    [Fact]
    public void Lines_in_another_currency_are_refused()
    {
        var order = Order.Create(Guid.NewGuid(), Currency.EUR, Berlin, _clock);

        Assert.Throws<DomainException>(() => order.AddLine(new OrderLine(Sku.Parse("TEA-0001"), "Tea", 1, new Money(5m, Currency.USD))));
    }

    [Fact]
    public void Snapshot_round_trip_keeps_state_and_raises_nothing()
    {
        var order = Order.Create(Guid.NewGuid(), Currency.EUR, Berlin, _clock);
        order.AddLine(Line("TEA-0001", 2, 8.90m));
        order.SetShippingCost(Eur(4.90m));
        order.Place(_clock);

        var restored = Order.Restore(order.ToSnapshot());

        Assert.Equal(order.Id, restored.Id);
        Assert.Equal(order.Total, restored.Total);
        Assert.Equal(OrderStatus.Placed, restored.Status);
        Assert.Empty(restored.PendingEvents);
    }
}
