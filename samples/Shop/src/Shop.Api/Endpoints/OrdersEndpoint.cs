using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Api.Contracts;
using Shop.Api.Http;
using Shop.Services.Orders;

namespace Shop.Api.Endpoints;

/// <summary>Routes for placing, reading and cancelling orders; all of them go through <see cref="IOrderService"/>.</summary>
public sealed class OrdersEndpoint : IEndpoint
{
    /// <inheritdoc />
    public void Map(RequestRouter router) => router
        .Map("POST", "/orders", PlaceAsync)
        .Map("GET", "/orders/{id}", GetAsync)
        .Map("POST", "/orders/{id}/cancel", CancelAsync)
        .Map("GET", "/customers/{customerId}/orders", ListForCustomerAsync);

    private static async Task<ApiResponse> PlaceAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var body = ReadBody<PlaceOrderRequest>(request);
        if (body is null)
        {
            return ApiResponse.BadRequest("POST /orders needs a JSON body.");
        }

        var orders = services.GetRequiredService<IOrderService>();
        var result = await orders.PlaceOrderAsync(body.ToCommand(), cancellationToken);
        return result.IsSuccess
            ? ApiResponse.Created(OrderResponse.From(result.Value))
            : ApiResponse.Unprocessable(result.Errors);
    }

    private static async Task<ApiResponse> GetAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(request.RouteValues["id"], out var id))
        {
            return ApiResponse.BadRequest($"'{request.RouteValues["id"]}' is not an order id.");
        }

        var order = await services.GetRequiredService<IOrderService>().GetOrderAsync(id, cancellationToken);
        return order is null
            ? ApiResponse.NotFound($"Order {id} does not exist.")
            : ApiResponse.Ok(OrderResponse.From(order));
    }

    private static async Task<ApiResponse> CancelAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(request.RouteValues["id"], out var id))
        {
            return ApiResponse.BadRequest($"'{request.RouteValues["id"]}' is not an order id.");
        }

        var reason = ReadBody<CancelOrderRequest>(request)?.Reason ?? "cancelled by customer";
        var result = await services.GetRequiredService<IOrderService>().CancelOrderAsync(id, reason, cancellationToken);
        return result.IsSuccess
            ? ApiResponse.Ok(OrderResponse.From(result.Value))
            : ApiResponse.Unprocessable(result.Errors);
    }

    private static async Task<ApiResponse> ListForCustomerAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(request.RouteValues["customerId"], out var customerId))
        {
            return ApiResponse.BadRequest($"'{request.RouteValues["customerId"]}' is not a customer id.");
        }

        var limit = request.Query.TryGetValue("limit", out var text) && int.TryParse(text, out var parsed) ? parsed : 20;
        var orders = await services.GetRequiredService<IOrderService>().ListCustomerOrdersAsync(customerId, limit, cancellationToken);
        return ApiResponse.Ok(orders.Select(OrderResponse.From).ToList());
    }

    private static T? ReadBody<T>(ApiRequest request)
        where T : class =>
        string.IsNullOrWhiteSpace(request.Body) ? null : JsonSerializer.Deserialize<T>(request.Body, JsonDefaults.Options);
}
