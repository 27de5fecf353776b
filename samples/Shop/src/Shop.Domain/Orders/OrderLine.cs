using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Domain.Orders;

/// <summary>One product on an order, with the price the customer was quoted when it was added.</summary>
public sealed record OrderLine
{
    /// <summary>The most units of one product a single order may contain.</summary>
    public const int MaxQuantity = 999;

    /// <summary>Creates a line.</summary>
    /// <exception cref="DomainException">The quantity is out of range or the price is negative.</exception>
    public OrderLine(Sku sku, string productName, int quantity, Money unitPrice)
    {
        if (quantity is < 1 or > MaxQuantity)
        {
            throw new DomainException($"Quantity for {sku} must be between 1 and {MaxQuantity}, was {quantity}.");
        }

        if (unitPrice.Amount < 0)
        {
            throw new DomainException($"Unit price for {sku} cannot be negative.");
        }

        Sku = sku;
        ProductName = productName;
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    /// <summary>The product's stock keeping unit.</summary>
    public Sku Sku { get; }

    /// <summary>The product name at the time of ordering (the catalog may rename it later).</summary>
    public string ProductName { get; }

    /// <summary>How many units were ordered.</summary>
    public int Quantity { get; }

    /// <summary>The price of one unit.</summary>
    public Money UnitPrice { get; }

    /// <summary>Unit price times quantity.</summary>
    public Money LineTotal => UnitPrice * Quantity;

    /// <summary>Returns a copy with more units, used when the same product is added twice.</summary>
    public OrderLine WithAdditionalQuantity(int extra) => new(Sku, ProductName, Quantity + extra, UnitPrice);
}
