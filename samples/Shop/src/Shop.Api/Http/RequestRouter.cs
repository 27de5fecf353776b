using System.Text.Json;
using Shop.Api.Properties;
using Shop.Domain.Common;

namespace Shop.Api.Http;

/// <summary>Handles one routed request with services from the request's scope.</summary>
public delegate Task<ApiResponse> RouteHandler(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken);

/// <summary>
/// Matches requests to handlers by method and path template (<c>/orders/{id}/cancel</c>) and turns
/// the expected failures (malformed JSON, broken business rules) into 4xx responses.
/// </summary>
public sealed class RequestRouter
{
    private readonly List<Route> _routes = [];

    /// <summary>The routes in registration order, as "METHOD template".</summary>
    public IEnumerable<string> Routes => _routes.Select(r => $"{r.Method} {r.Template}");

    /// <summary>Adds a route. Literal segments match case-insensitively; <c>{name}</c> captures one segment.</summary>
    public RequestRouter Map(string method, string template, RouteHandler handler)
    {
        _routes.Add(new Route(method.ToUpperInvariant(), template, Split(template), handler));
        return this;
    }

    /// <summary>Finds the route for a request and runs it.</summary>
    public async Task<ApiResponse> DispatchAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var segments = Split(request.PathOnly);
        var pathMatched = false;
        foreach (var route in _routes)
        {
            var values = route.Match(segments);
            if (values is null)
            {
                continue;
            }

            pathMatched = true;
            if (route.Method != request.Method)
            {
                continue;
            }

            try
            {
                return await route.Handler(request with { RouteValues = values }, services, cancellationToken);
            }
            catch (JsonException ex)
            {
                return ApiResponse.BadRequest(string.Format(Resources.MalformedBody, ex.Message));
            }
            catch (DomainException ex)
            {
                return ApiResponse.Unprocessable([ex.Message]);
            }
        }

        return pathMatched
            ? ApiResponse.MethodNotAllowed(string.Format(Resources.MethodNotAllowed, request.Method, request.PathOnly))
            : ApiResponse.NotFound(string.Format(Resources.RouteNotFound, request.PathOnly));
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private sealed record Route(string Method, string Template, string[] Segments, RouteHandler Handler)
    {
        public Dictionary<string, string>? Match(string[] path)
        {
            if (path.Length != Segments.Length)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Segments.Length; i++)
            {
                var segment = Segments[i];
                if (segment.StartsWith('{') && segment.EndsWith('}'))
                {
                    values[segment[1..^1]] = Uri.UnescapeDataString(path[i]);
                }
                else if (!string.Equals(segment, path[i], StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }

            return values;
        }
    }
}
