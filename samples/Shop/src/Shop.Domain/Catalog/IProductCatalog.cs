using Shop.Domain.ValueObjects;

namespace Shop.Domain.Catalog;

/// <summary>Read access to the products on sale.</summary>
public interface IProductCatalog
{
    /// <summary>Finds a product by SKU, or returns null when the catalog has none.</summary>
    Task<Product?> FindBySkuAsync(Sku sku, CancellationToken cancellationToken = default);

    /// <summary>Active products in a category, ordered by name.</summary>
    Task<IReadOnlyList<Product>> ListByCategoryAsync(ProductCategory category, CancellationToken cancellationToken = default);

    /// <summary>Finds several products at once; unknown SKUs are left out of the result.</summary>
    Task<IReadOnlyDictionary<Sku, Product>> FindManyAsync(IEnumerable<Sku> skus, CancellationToken cancellationToken = default);
}
