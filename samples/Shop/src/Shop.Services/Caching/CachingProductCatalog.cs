using System.Collections.Concurrent;
using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Services.Caching;

/// <summary>
/// Decorates an <see cref="IProductCatalog"/> with a short-lived in-process cache: product pages
/// and checkouts ask for the same few hundred products all day, while prices change rarely.
/// </summary>
public sealed class CachingProductCatalog : IProductCatalog
{
    private readonly IProductCatalog _inner;
    private readonly IClock _clock;
    private readonly TimeSpan _timeToLive;
    private readonly ConcurrentDictionary<Sku, CacheEntry<Product?>> _bySku = new();
    private readonly ConcurrentDictionary<ProductCategory, CacheEntry<IReadOnlyList<Product>>> _byCategory = new();

    /// <summary>Creates the decorator.</summary>
    public CachingProductCatalog(IProductCatalog inner, IClock clock, TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        _inner = inner;
        _clock = clock;
        _timeToLive = timeToLive;
    }

    /// <summary>How many lookups were answered from the cache; exposed for the health endpoint.</summary>
    public int Hits { get; private set; }

    /// <inheritdoc />
    public async Task<Product?> FindBySkuAsync(Sku sku, CancellationToken cancellationToken = default)
    {
        if (TryGetFresh(_bySku, sku, out var cached))
        {
            return cached;
        }

        var product = await _inner.FindBySkuAsync(sku, cancellationToken);
        _bySku[sku] = new CacheEntry<Product?>(product, _clock.UtcNow + _timeToLive);
        return product;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Product>> ListByCategoryAsync(ProductCategory category, CancellationToken cancellationToken = default)
    {
        if (TryGetFresh(_byCategory, category, out var cached))
        {
            return cached;
        }

        var products = await _inner.ListByCategoryAsync(category, cancellationToken);
        _byCategory[category] = new CacheEntry<IReadOnlyList<Product>>(products, _clock.UtcNow + _timeToLive);
        return products;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<Sku, Product>> FindManyAsync(IEnumerable<Sku> skus, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<Sku, Product>();
        var missing = new List<Sku>();
        foreach (var sku in skus.Distinct())
        {
            if (TryGetFresh(_bySku, sku, out var cached))
            {
                if (cached is not null)
                {
                    result[sku] = cached;
                }
            }
            else
            {
                missing.Add(sku);
            }
        }

        if (missing.Count > 0)
        {
            var loaded = await _inner.FindManyAsync(missing, cancellationToken);
            var expires = _clock.UtcNow + _timeToLive;
            foreach (var sku in missing)
            {
                var product = loaded.GetValueOrDefault(sku);
                _bySku[sku] = new CacheEntry<Product?>(product, expires);
                if (product is not null)
                {
                    result[sku] = product;
                }
            }
        }

        return result;
    }

    /// <summary>Drops everything, e.g. after a price import.</summary>
    public void Invalidate()
    {
        _bySku.Clear();
        _byCategory.Clear();
    }

    private bool TryGetFresh<TKey, TValue>(ConcurrentDictionary<TKey, CacheEntry<TValue>> cache, TKey key, out TValue value)
        where TKey : notnull
    {
        if (cache.TryGetValue(key, out var entry) && entry.ExpiresAt > _clock.UtcNow)
        {
            Hits++;
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private sealed record CacheEntry<TValue>(TValue Value, DateTimeOffset ExpiresAt);
}
