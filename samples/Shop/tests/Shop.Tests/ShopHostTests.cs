using System.Text.Json;
using Shop.Api;
using Shop.Api.Http;
using Shop.Infrastructure.Seeding;

namespace Shop.Tests;

/// <summary>Requests through the whole stack: router, endpoints, services, in-memory infrastructure.</summary>
public sealed class ShopHostTests : IAsyncLifetime
{
    private readonly StringWriter _messages = new();
    private ShopHost _host = null!;

    public async Task InitializeAsync() => _host = await ShopHost.StartAsync(new HostOptions(), _messages, []);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Places_an_order_and_reads_it_back()
    {
        var body = $$"""{"customerId":"{{SampleCatalog.AdaId}}","currency":"eur","paymentToken":"tok_visa","items":[{"sku":"TEA-0001","quantity":2}]}""";

        var placed = await _host.SendAsync(new ApiRequest("POST", "/orders", body));

        Assert.Equal(201, placed.StatusCode);
        using var json = JsonDocument.Parse(placed.BodyJson());
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.Equal("paid", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(22.70m, json.RootElement.GetProperty("total").GetDecimal());

        var read = await _host.SendAsync(new ApiRequest("GET", $"/orders/{id}"));
        Assert.Equal(200, read.StatusCode);
        Assert.Contains("ada@example.org", _messages.ToString());
    }

    [Fact]
    public async Task Unknown_currency_is_a_business_error()
    {
        var body = $$"""{"customerId":"{{SampleCatalog.AdaId}}","currency":"XYZ","paymentToken":"tok_visa","items":[{"sku":"TEA-0001","quantity":1}]}""";

        var response = await _host.SendAsync(new ApiRequest("POST", "/orders", body));

        Assert.Equal(422, response.StatusCode);
        Assert.Contains("'XYZ' is not a supported currency.", response.BodyJson());
    }

    [Fact]
    public async Task Serves_the_catalog_and_health()
    {
        var products = await _host.SendAsync(new ApiRequest("GET", "/products?category=equipment"));
        var health = await _host.SendAsync(new ApiRequest("GET", "/health"));

        Assert.Equal(200, products.StatusCode);
        Assert.Contains("Hand Grinder", products.BodyJson());
        Assert.Equal(200, health.StatusCode);
        Assert.Equal(["POST /orders", "GET /orders/{id}", "POST /orders/{id}/cancel", "GET /customers/{customerId}/orders", "GET /products", "GET /products/{sku}", "GET /health"], _host.Routes);
    }
}
