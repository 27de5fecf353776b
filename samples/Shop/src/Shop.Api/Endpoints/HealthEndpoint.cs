using Microsoft.Extensions.DependencyInjection;
using Shop.Api.Http;
using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Services.Caching;

namespace Shop.Api.Endpoints;

/// <summary><c>GET /health</c>: liveness plus a few counters operators look at.</summary>
public sealed class HealthEndpoint(IClock clock) : IEndpoint
{
    private readonly DateTimeOffset _startedAt = clock.UtcNow;

    /// <inheritdoc />
    public void Map(RequestRouter router) => router.Map("GET", "/health", (_, services, _) =>
    {
        var cacheHits = services.GetRequiredService<IProductCatalog>() is CachingProductCatalog cache ? cache.Hits : (int?)null;
        var body = new { Status = "ok", UptimeSeconds = (int)(clock.UtcNow - _startedAt).TotalSeconds, CatalogCacheHits = cacheHits };
        return Task.FromResult(ApiResponse.Ok(body));
    });
}
