using Shop.Domain.Catalog;
using Shop.Domain.Customers;
using Shop.Domain.Orders;
using Shop.Domain.ValueObjects;

namespace Shop.Tests.Fakes;

/// <summary>Small builders so each test states only what matters to it.</summary>
public static class TestData
{
    public static readonly Address Berlin = new("Hauptstraße 5", "Berlin", "10115", "DE");
    public static readonly Address Tokyo = new("1-2-3 Shibuya", "Tokyo", "150-0002", "JP");

    public static Money Eur(decimal amount) => new(amount, Currency.EUR);

    public static Customer Customer(string name = "Ada", decimal lifetimeSpendEur = 0m, string? phone = null, Address? address = null)
    {
        var customer = new Customer(
            Guid.NewGuid(),
            name,
            EmailAddress.Parse($"{name.ToLowerInvariant()}@example.org"),
            address ?? Berlin,
            phone);
        if (lifetimeSpendEur > 0)
        {
            customer.RecordPurchase(lifetimeSpendEur);
        }

        return customer;
    }

    public static Product Product(string sku, decimal priceEur, decimal weightKg = 0.25m, ProductCategory category = ProductCategory.Tea) =>
        new(Guid.NewGuid(), Sku.Parse(sku), $"Product {sku}", category, Eur(priceEur), weightKg);

    public static OrderLine Line(string sku, int quantity, decimal unitPriceEur) =>
        new(Sku.Parse(sku), $"Product {sku}", quantity, Eur(unitPriceEur));
}
