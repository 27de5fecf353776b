using Shop.Domain.Common;
using Shop.Domain.Orders.Events;
using Shop.Domain.ValueObjects;

namespace Shop.Domain.Orders;

/// <summary>
/// A customer's order. Lines can only change while the order is a draft; placing, paying and
/// cancelling raise the events that drive notifications. Validation rules live in Order.Validation.cs.
/// </summary>
public sealed partial class Order : AggregateRoot
{
    private readonly List<OrderLine> _lines = [];

    private Order(Guid id, Guid customerId, Currency currency, Address shippingAddress, DateTimeOffset createdAt)
        : base(id)
    {
        CustomerId = customerId;
        Currency = currency;
        ShippingAddress = shippingAddress;
        CreatedAt = createdAt;
        Discount = Money.Zero(currency);
        ShippingCost = Money.Zero(currency);
    }

    /// <summary>The customer who owns the order.</summary>
    public Guid CustomerId { get; }

    /// <summary>The currency every amount on the order is in.</summary>
    public Currency Currency { get; }

    /// <summary>Where the order ships to.</summary>
    public Address ShippingAddress { get; }

    /// <summary>The current life-cycle state.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>When the draft was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the customer placed the order; null for drafts.</summary>
    public DateTimeOffset? PlacedAt { get; private set; }

    /// <summary>The order's lines, one per product.</summary>
    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>The discount taken off the subtotal.</summary>
    public Money Discount { get; private set; }

    /// <summary>Why the discount was granted, e.g. the discount code; null when there is none.</summary>
    public string? DiscountReason { get; private set; }

    /// <summary>The shipping charge.</summary>
    public Money ShippingCost { get; private set; }

    /// <summary>The payment provider's reference once paid.</summary>
    public string? PaymentReference { get; private set; }

    /// <summary>Sum of the line totals.</summary>
    public Money Subtotal => _lines.Aggregate(Money.Zero(Currency), (sum, line) => sum + line.LineTotal);

    /// <summary>What the customer pays: subtotal minus discount plus shipping.</summary>
    public Money Total => Subtotal - Discount + ShippingCost;

    /// <inheritdoc />
    public override string DisplayName => $"Order {Id.ToString("N")[..8]} ({Status}, {Total})";

    /// <summary>Starts a new draft order.</summary>
    public static Order Create(Guid customerId, Currency currency, Address shippingAddress, IClock clock) =>
        new(Guid.NewGuid(), customerId, currency, shippingAddress.Validated(), clock.UtcNow);

    /// <summary>Rebuilds an order from storage without raising events or re-running rules.</summary>
    public static Order Restore(OrderSnapshot snapshot)
    {
        var order = new Order(snapshot.Id, snapshot.CustomerId, snapshot.Currency, snapshot.ShippingAddress, snapshot.CreatedAt)
        {
            Status = snapshot.Status,
            PlacedAt = snapshot.PlacedAt,
            Discount = snapshot.Discount,
            DiscountReason = snapshot.DiscountReason,
            ShippingCost = snapshot.ShippingCost,
            PaymentReference = snapshot.PaymentReference,
        };
        order._lines.AddRange(snapshot.Lines);
        order.MarkPersisted(snapshot.Version);
        return order;
    }

    /// <summary>Adds a product; adding a product that is already on the order raises its quantity.</summary>
    public void AddLine(OrderLine line)
    {
        EnsureDraft();
        EnsureSameCurrency(line.UnitPrice);

        var index = _lines.FindIndex(existing => existing.Sku == line.Sku);
        if (index < 0)
        {
            _lines.Add(line);
        }
        else
        {
            _lines[index] = _lines[index].WithAdditionalQuantity(line.Quantity);
        }
    }

    /// <summary>Removes a product from a draft.</summary>
    public bool RemoveLine(Sku sku)
    {
        EnsureDraft();
        return _lines.RemoveAll(line => line.Sku == sku) > 0;
    }

    /// <summary>Sets the discount chosen by the pricing strategies.</summary>
    public void ApplyDiscount(Money discount, string reason)
    {
        EnsureDraft();
        EnsureSameCurrency(discount);
        if (discount > Subtotal)
        {
            throw new DomainException($"A discount of {discount} exceeds the subtotal {Subtotal}.");
        }

        Discount = discount;
        DiscountReason = reason;
    }

    /// <summary>Sets the shipping charge quoted by the shipping calculator.</summary>
    public void SetShippingCost(Money cost)
    {
        EnsureDraft();
        EnsureSameCurrency(cost);
        ShippingCost = cost;
    }

    /// <summary>Submits the draft; raises <see cref="OrderPlaced"/>.</summary>
    public void Place(IClock clock)
    {
        EnsureDraft();
        EnsureValid();
        Status = OrderStatus.Placed;
        PlacedAt = clock.UtcNow;
        Raise(new OrderPlaced(Id, CustomerId, Total, _lines.Count, clock.UtcNow));
    }

    /// <summary>Records the captured payment; raises <see cref="OrderPaid"/>.</summary>
    public void MarkPaid(string paymentReference, IClock clock)
    {
        if (Status != OrderStatus.Placed)
        {
            throw new DomainException($"Only placed orders can be paid; this one is {Status}.");
        }

        PaymentReference = paymentReference;
        Status = OrderStatus.Paid;
        Raise(new OrderPaid(Id, CustomerId, Total, paymentReference, clock.UtcNow));
    }

    /// <summary>Cancels an order that has not shipped; raises <see cref="OrderCancelled"/>.</summary>
    public void Cancel(string reason, IClock clock)
    {
        if (Status is OrderStatus.Shipped or OrderStatus.Cancelled)
        {
            throw new DomainException($"An order that is {Status} cannot be cancelled.");
        }

        Status = OrderStatus.Cancelled;
        Raise(new OrderCancelled(Id, CustomerId, reason, clock.UtcNow));
    }

    /// <summary>Captures the state for storage.</summary>
    public OrderSnapshot ToSnapshot() => new(
        Id, CustomerId, Currency, ShippingAddress, Status, CreatedAt, PlacedAt,
        [.. _lines], Discount, DiscountReason, ShippingCost, PaymentReference, Version);
}

/// <summary>The persisted state of an <see cref="Order"/>.</summary>
public sealed record OrderSnapshot(
    Guid Id,
    Guid CustomerId,
    Currency Currency,
    Address ShippingAddress,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PlacedAt,
    IReadOnlyList<OrderLine> Lines,
    Money Discount,
    string? DiscountReason,
    Money ShippingCost,
    string? PaymentReference,
    int Version);
