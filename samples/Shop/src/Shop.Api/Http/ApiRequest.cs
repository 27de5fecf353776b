namespace Shop.Api.Http;

/// <summary>A request to the API: method, path, optional query string and JSON body.</summary>
public sealed record ApiRequest(string Method, string Path, string? Body = null)
{
    /// <summary>Values captured from the route template, e.g. "id" for <c>/orders/{id}</c>.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The path without its query string.</summary>
    public string PathOnly => Path.Split('?', 2)[0];

    /// <summary>Query string parameters; later duplicates win.</summary>
    public IReadOnlyDictionary<string, string> Query
    {
        get
        {
            var parts = Path.Split('?', 2);
            if (parts.Length < 2)
            {
                return new Dictionary<string, string>();
            }

            return parts[1]
                .Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(
                    kv => Uri.UnescapeDataString(kv[0]),
                    kv => kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : string.Empty,
                    StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Parses one line of a request script: <c>METHOD /path</c>, optionally followed by a space and a JSON body.
    /// </summary>
    /// <exception cref="FormatException">The line does not start with a method and a path.</exception>
    public static ApiRequest Parse(string line)
    {
        var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[1].StartsWith('/'))
        {
            throw new FormatException($"'{line}' is not a request (expected e.g. \"GET /products?category=tea\").");
        }

        return new ApiRequest(parts[0].ToUpperInvariant(), parts[1], parts.Length == 3 ? parts[2] : null);
    }
}
