using Shop.Domain.Catalog;
using Shop.Domain.ValueObjects;
using Shop.Infrastructure.Persistence;
using Shop.Services.Caching;
using Shop.Tests.Fakes;
using static Shop.Tests.Fakes.TestData;

namespace Shop.Tests;

public sealed class CachingProductCatalogTests
{
    private readonly FixedClock _clock = new();
    private readonly InMemoryProductCatalog _inner = new();
    private readonly CachingProductCatalog _cache;

    public CachingProductCatalogTests()
    {
        _inner.Upsert(Product("TEA-0001", 8.90m));
        _inner.Upsert(Product("TEA-0042", 11.50m));
        _cache = new CachingProductCatalog(_inner, _clock, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Repeated_lookups_are_served_from_the_cache_until_they_expire()
    {
        var sku = Sku.Parse("TEA-0001");

        await _cache.FindBySkuAsync(sku);
        await _cache.FindBySkuAsync(sku);
        Assert.Equal(1, _inner.Lookups);
        Assert.Equal(1, _cache.Hits);

        _clock.Advance(TimeSpan.FromMinutes(5));
        await _cache.FindBySkuAsync(sku);
        Assert.Equal(2, _inner.Lookups);
    }

    [Fact]
    public async Task Misses_are_cached_too()
    {
        var unknown = Sku.Parse("TEA-9999");

        Assert.Null(await _cache.FindBySkuAsync(unknown));
        Assert.Null(await _cache.FindBySkuAsync(unknown));
        Assert.Equal(1, _inner.Lookups);
    }

    [Fact]
    public async Task FindMany_only_asks_the_inner_catalog_for_what_is_missing()
    {
        await _cache.FindBySkuAsync(Sku.Parse("TEA-0001"));

        var found = await _cache.FindManyAsync([Sku.Parse("TEA-0001"), Sku.Parse("TEA-0042"), Sku.Parse("TEA-9999")]);

        Assert.Equal(2, found.Count);
        Assert.Equal(2, _inner.Lookups);
        await _cache.FindManyAsync([Sku.Parse("TEA-0042"), Sku.Parse("TEA-9999")]);
        Assert.Equal(2, _inner.Lookups);
    }

    [Fact]
    public async Task Invalidate_forgets_everything()
    {
        await _cache.ListByCategoryAsync(ProductCategory.Tea);
        _cache.Invalidate();
        await _cache.ListByCategoryAsync(ProductCategory.Tea);

        Assert.Equal(2, _inner.Lookups);
    }
}
