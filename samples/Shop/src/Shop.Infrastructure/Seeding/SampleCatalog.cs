using Shop.Domain.Catalog;
using Shop.Domain.Customers;
using Shop.Domain.ValueObjects;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Seeding;

/// <summary>The products and customers the demo host starts with.</summary>
public static class SampleCatalog
{
    /// <summary>A customer with no purchases yet (Standard tier), living in Germany.</summary>
    public static readonly Guid AdaId = new("0b5c1f6e-3d2a-4c1b-9a8e-1f2d3c4b5a69");

    /// <summary>A Gold-tier customer in Japan with a phone number (receives text messages).</summary>
    public static readonly Guid HirokiId = new("7e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b");

    /// <summary>Products priced in euros.</summary>
    public static IEnumerable<Product> Products()
    {
        yield return Product("TEA-0001", "Sencha Kyoto, 100 g", ProductCategory.Tea, 8.90m, 0.12m);
        yield return Product("TEA-0042", "Assam Breakfast, 250 g", ProductCategory.Tea, 11.50m, 0.28m);
        yield return Product("TEA-0107", "Darjeeling First Flush, 100 g", ProductCategory.Tea, 16.00m, 0.12m);
        yield return Product("COF-0003", "Espresso Beans, 1 kg", ProductCategory.Coffee, 24.00m, 1.05m);
        yield return Product("EQP-0010", "Cast-iron Teapot, 0.8 l", ProductCategory.Equipment, 59.00m, 1.90m);
        yield return Product("EQP-0011", "Hand Grinder", ProductCategory.Equipment, 45.00m, 0.70m);
        yield return Product("GIFT-0025", "Gift Card 25", ProductCategory.GiftCard, 25.00m, 0m);
    }

    /// <summary>Fills the given stores with the sample data.</summary>
    public static async Task SeedAsync(InMemoryProductCatalog catalog, InMemoryCustomerRepository customers)
    {
        foreach (var product in Products())
        {
            catalog.Upsert(product);
        }

        await customers.AddAsync(new Customer(
            AdaId,
            "Ada",
            EmailAddress.Parse("ada@example.org"),
            new Address("Hauptstraße 5", "Berlin", "10115", "DE")));

        var hiroki = new Customer(
            HirokiId,
            "Hiroki",
            EmailAddress.Parse("hiroki@example.jp"),
            new Address("1-2-3 Shibuya", "Tokyo", "150-0002", "JP"),
            phoneNumber: "+81 90 0000 0000");
        hiroki.RecordPurchase(2_400m);
        await customers.AddAsync(hiroki);
    }

    private static Product Product(string sku, string name, ProductCategory category, decimal priceEur, decimal weightKg) =>
        new(Guid.NewGuid(), Sku.Parse(sku), name, category, new Money(priceEur, Currency.EUR), weightKg);
}
