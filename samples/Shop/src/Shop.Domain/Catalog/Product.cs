using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Domain.Catalog;

/// <summary>Something the shop sells.</summary>
public sealed class Product : AggregateRoot
{
    /// <summary>Creates a product.</summary>
    public Product(Guid id, Sku sku, string name, ProductCategory category, Money price, decimal weightKg)
        : base(id)
    {
        if (weightKg < 0)
        {
            throw new DomainException($"{sku} cannot have a negative weight.");
        }

        Sku = sku;
        Name = name;
        Category = category;
        Price = price;
        WeightKg = weightKg;
        IsActive = true;
    }

    /// <summary>The stock keeping unit, unique in the catalog.</summary>
    public Sku Sku { get; }

    /// <summary>The name shown in the shop.</summary>
    public string Name { get; private set; }

    /// <summary>The shelf the product sits on.</summary>
    public ProductCategory Category { get; }

    /// <summary>The current list price.</summary>
    public Money Price { get; private set; }

    /// <summary>Shipping weight of one unit in kilograms.</summary>
    public decimal WeightKg { get; }

    /// <summary>False once the product is delisted; delisted products cannot be ordered.</summary>
    public bool IsActive { get; private set; }

    /// <summary>True for products that are sent by post.</summary>
    public bool IsPhysical => Category != ProductCategory.GiftCard;

    /// <inheritdoc />
    public override string DisplayName => $"{Sku} {Name}";

    /// <summary>Changes the list price; existing orders keep the price they were quoted.</summary>
    public void Reprice(Money newPrice)
    {
        if (newPrice.Currency != Price.Currency)
        {
            throw new DomainException($"{Sku} is priced in {Price.Currency}.");
        }

        Price = newPrice;
    }

    /// <summary>Takes the product off sale.</summary>
    public void Delist() => IsActive = false;
}
