using Microsoft.Extensions.DependencyInjection;
using Shop.Api.Endpoints;
using Shop.Api.Http;
using Shop.Infrastructure.DependencyInjection;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Seeding;
using Shop.Services.Extensions;
using Shop.Services.Pricing;

namespace Shop.Api;

/// <summary>
/// Wires the container and the router and serves requests, each in its own DI scope (as a web
/// server would). Used by Program.cs and by the end-to-end tests.
/// </summary>
public sealed class ShopHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly RequestRouter _router = new();

    private ShopHost(ServiceProvider services)
    {
        _services = services;
        foreach (var endpoint in services.GetServices<IEndpoint>())
        {
            endpoint.Map(_router);
        }
    }

    /// <summary>The routes the host serves.</summary>
    public IEnumerable<string> Routes => _router.Routes;

    /// <summary>The root service provider, for seeding and inspection.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Builds a host with in-memory infrastructure and the sample catalog.</summary>
    /// <param name="options">Host settings.</param>
    /// <param name="messageOutput">Where e-mails and texts are written.</param>
    /// <param name="promotions">Promotional codes on offer.</param>
    public static async Task<ShopHost> StartAsync(HostOptions options, TextWriter messageOutput, IEnumerable<Promotion> promotions)
    {
        var services = new ServiceCollection()
            .AddShopServices(promotions)
            .AddShopInMemoryInfrastructure(messageOutput, options.CatalogCacheLifetime)
            .AddSingleton<IEndpoint, OrdersEndpoint>()
            .AddSingleton<IEndpoint, ProductsEndpoint>()
            .AddSingleton<IEndpoint, HealthEndpoint>()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        await SampleCatalog.SeedAsync(
            services.GetRequiredService<InMemoryProductCatalog>(),
            services.GetRequiredService<InMemoryCustomerRepository>());
        return new ShopHost(services);
    }

    /// <summary>Serves one request.</summary>
    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        await using var scope = _services.CreateAsyncScope();
        return await _router.DispatchAsync(request, scope.ServiceProvider, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
