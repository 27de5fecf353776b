using Microsoft.Extensions.DependencyInjection;
using Shop.Api.Http;
using Shop.Domain.Catalog;
using Shop.Domain.ValueObjects;

namespace Shop.Api.Endpoints;

/// <summary>Read-only catalog routes.</summary>
public sealed class ProductsEndpoint : IEndpoint
{
    /// <inheritdoc />
    public void Map(RequestRouter router) => router
        .Map("GET", "/products", ListAsync)
        .Map("GET", "/products/{sku}", GetAsync);

    private static async Task<ApiResponse> ListAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!request.Query.TryGetValue("category", out var text) || !Enum.TryParse<ProductCategory>(text, ignoreCase: true, out var category))
        {
            var names = string.Join(", ", Enum.GetNames<ProductCategory>()).ToLowerInvariant();
            return ApiResponse.BadRequest($"GET /products needs ?category= one of {names}.");
        }

        var products = await services.GetRequiredService<IProductCatalog>().ListByCategoryAsync(category, cancellationToken);
        return ApiResponse.Ok(products.Select(ProductResponse.From).ToList());
    }

    private static async Task<ApiResponse> GetAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!Sku.TryParse(request.RouteValues["sku"], out var sku))
        {
            return ApiResponse.BadRequest($"'{request.RouteValues["sku"]}' is not a SKU.");
        }

        var product = await services.GetRequiredService<IProductCatalog>().FindBySkuAsync(sku, cancellationToken);
        return product is null ? ApiResponse.NotFound($"No product {sku}.") : ApiResponse.Ok(ProductResponse.From(product));
    }

    private sealed record ProductResponse(string Sku, string Name, ProductCategory Category, decimal Price, string Currency, bool Active)
    {
        public static ProductResponse From(Product p) =>
            new(p.Sku.Value, p.Name, p.Category, p.Price.Amount, p.Price.Currency.ToString(), p.IsActive);
    }
}
