using Microsoft.Extensions.DependencyInjection;
using Shop.Domain.Common;
using Shop.Domain.Customers;
using Shop.Domain.Orders;
using Shop.Domain.Payments;
using Shop.Infrastructure.Messaging;
using Shop.Infrastructure.Payments;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Time;
using Shop.Services.Extensions;
using Shop.Services.Notifications;

namespace Shop.Infrastructure.DependencyInjection;

/// <summary>Registers the implementations of the domain's and services' ports.</summary>
public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// Registers in-memory stores, the fake payment gateway and console messaging: everything the
    /// demo host needs without a database or a payment provider.
    /// </summary>
    /// <param name="services">The container to add to.</param>
    /// <param name="messageOutput">Where e-mails and text messages are written instead of being sent.</param>
    /// <param name="catalogCacheLifetime">How long product lookups are cached in front of the catalog.</param>
    public static IServiceCollection AddShopInMemoryInfrastructure(this IServiceCollection services, TextWriter messageOutput, TimeSpan catalogCacheLifetime)
    {
        services.AddSingleton<IClock, SystemClock>();

        services.AddSingleton<InMemoryOrderRepository>();
        services.AddSingleton<IOrderRepository>(sp => sp.GetRequiredService<InMemoryOrderRepository>());
        services.AddSingleton<InMemoryCustomerRepository>();
        services.AddSingleton<ICustomerRepository>(sp => sp.GetRequiredService<InMemoryCustomerRepository>());
        services.AddCachedProductCatalog<InMemoryProductCatalog>(catalogCacheLifetime);

        services.AddSingleton<IPaymentGateway, FakePaymentGateway>();
        services.AddSingleton<IEmailSender>(new ConsoleEmailSender(messageOutput));
        services.AddSingleton<ISmsSender>(new ConsoleSmsSender(messageOutput));
        return services;
    }

    /// <summary>Swaps the in-memory order store for <see cref="SqlOrderRepository"/> over the given connections.</summary>
    public static IServiceCollection UseSqlOrders(this IServiceCollection services, IDbConnectionFactory connections)
    {
        services.AddSingleton(connections);
        services.AddSingleton<IOrderRepository, SqlOrderRepository>();
        return services;
    }
}
