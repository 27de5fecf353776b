using Microsoft.Extensions.DependencyInjection;
using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Services.Caching;
using Shop.Services.Events;
using Shop.Services.Notifications;
using Shop.Services.Orders;
using Shop.Services.Pricing;
using Shop.Services.Shipping;

namespace Shop.Services.Extensions;

/// <summary>Registers the application services. The host adds the infrastructure separately.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Registers order handling, pricing, shipping and notifications.</summary>
    /// <param name="services">The container to add to.</param>
    /// <param name="promotions">The promotional codes currently on offer.</param>
    public static IServiceCollection AddShopServices(this IServiceCollection services, IEnumerable<Promotion>? promotions = null)
    {
        services.AddScoped<IOrderService, OrderService>();

        services.AddSingleton<IPricingStrategy>(new DiscountCodeStrategy(promotions ?? []));
        services.AddSingleton<IPricingStrategy, LoyaltyTierStrategy>();
        services.AddSingleton<IPricingStrategy>(new BulkQuantityStrategy());
        services.AddSingleton<PricingEngine>();

        services.AddSingleton<IShippingRateCalculator>(new FlatRateShippingCalculator());
        services.AddSingleton<IShippingRateCalculator, WeightBasedShippingCalculator>();

        services.AddSingleton<INotificationChannel, EmailNotificationChannel>();
        services.AddSingleton<INotificationChannel, SmsNotificationChannel>();
        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<IDomainEventPublisher>(sp => sp.GetRequiredService<NotificationDispatcher>());

        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TCatalog"/> as the product source and puts a
    /// <see cref="CachingProductCatalog"/> in front of it as the <see cref="IProductCatalog"/>.
    /// </summary>
    public static IServiceCollection AddCachedProductCatalog<TCatalog>(this IServiceCollection services, TimeSpan timeToLive)
        where TCatalog : class, IProductCatalog
    {
        services.AddSingleton<TCatalog>();
        services.AddSingleton<IProductCatalog>(sp => new CachingProductCatalog(
            sp.GetRequiredService<TCatalog>(), sp.GetRequiredService<IClock>(), timeToLive));
        return services;
    }
}
