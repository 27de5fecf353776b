using System.Collections.Concurrent;
using Shop.Domain.Catalog;
using Shop.Domain.ValueObjects;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// A catalog held in memory, filled by <see cref="Seeding.SampleCatalog"/> or by tests.
/// Counts its lookups so tests can see whether a cache in front of it did its job.
/// </summary>
public sealed class InMemoryProductCatalog : IProductCatalog
{
    private readonly ConcurrentDictionary<Sku, Product> _products = new();
    private int _lookups;

    /// <summary>How many lookups reached this catalog.</summary>
    public int Lookups => _lookups;

    /// <summary>Adds or replaces a product.</summary>
    public void Upsert(Product product) => _products[product.Sku] = product;

    /// <inheritdoc />
    public Task<Product?> FindBySkuAsync(Sku sku, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult(_products.GetValueOrDefault(sku));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Product>> ListByCategoryAsync(ProductCategory category, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lookups);
        IReadOnlyList<Product> products = _products.Values
            .Where(p => p.Category == category && p.IsActive)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(products);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Sku, Product>> FindManyAsync(IEnumerable<Sku> skus, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lookups);
        IReadOnlyDictionary<Sku, Product> found = skus
            .Distinct()
            .Where(_products.ContainsKey)
            .ToDictionary(sku => sku, sku => _products[sku]);
        return Task.FromResult(found);
    }
}
