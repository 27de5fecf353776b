using Microsoft.Extensions.DependencyInjection;
using Shop.Api.Http;
using Shop.Domain.Common;

namespace Shop.Tests;

public sealed class RequestRouterTests
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    private static RequestRouter Router() => new RequestRouter()
        .Map("GET", "/orders/{id}", (r, _, _) => Task.FromResult(ApiResponse.Ok(r.RouteValues["id"])))
        .Map("POST", "/orders/{id}/cancel", (r, _, _) => Task.FromResult(ApiResponse.Ok("cancel " + r.RouteValues["id"])))
        .Map("POST", "/orders", (_, _, _) => throw new DomainException("rule broken"))
        .Map("PUT", "/orders", (_, _, _) => throw new System.Text.Json.JsonException("bad token"));

    [Fact]
    public async Task Captures_route_values()
    {
        var response = await Router().DispatchAsync(new ApiRequest("GET", "/Orders/42?x=1"), NoServices);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("42", response.Body);
    }

    [Fact]
    public async Task Longer_templates_do_not_swallow_shorter_paths()
    {
        var response = await Router().DispatchAsync(new ApiRequest("POST", "/orders/7/cancel"), NoServices);

        Assert.Equal("cancel 7", response.Body);
    }

    [Theory]
    [InlineData("GET", "/nowhere", 404, "Nothing is served at /nowhere.")]
    [InlineData("DELETE", "/orders/1", 405, "DELETE is not allowed on /orders/1.")]
    [InlineData("POST", "/orders", 422, "rule broken")]
    public async Task Expected_failures_become_client_errors(string method, string path, int status, string message)
    {
        var response = await Router().DispatchAsync(new ApiRequest(method, path), NoServices);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, Assert.Single(Assert.IsType<ApiResponse.ErrorBody>(response.Body).Errors));
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request()
    {
        var response = await Router().DispatchAsync(new ApiRequest("PUT", "/orders"), NoServices);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("bad token", response.BodyJson());
    }

    [Theory]
    [InlineData("get /products?category=tea", "GET", "/products?category=tea", null)]
    [InlineData("POST /orders {\"a\": 1}", "POST", "/orders", "{\"a\": 1}")]
    public void Parses_script_lines(string line, string method, string path, string? body)
    {
        var request = ApiRequest.Parse(line);

        Assert.Equal((method, path, body), (request.Method, request.Path, request.Body));
    }

    [Fact]
    public void Rejects_lines_without_a_path()
    {
        Assert.Throws<FormatException>(() => ApiRequest.Parse("GET products"));
    }
}
