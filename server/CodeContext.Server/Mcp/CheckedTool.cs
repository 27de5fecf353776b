using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeContext.Server.Mcp;

/// <summary>
/// A tool whose arguments are checked against its own input schema before it runs. The SDK's
/// binder answers a wrong type with a bare "An error occurred invoking", which tells a model
/// nothing; this names the argument, what it must be and what came, so the model can correct
/// the call.
/// </summary>
internal sealed class CheckedTool(McpServerTool inner) : DelegatingMcpServerTool(inner)
{
    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var problems = Problems(ProtocolTool.InputSchema, request.Params?.Arguments);
        return problems.Count == 0
            ? base.InvokeAsync(request, cancellationToken)
            : ValueTask.FromResult(McpToolCall.Error($"{ProtocolTool.Name}: {string.Join("; ", problems)}"));
    }

    public static List<string> Problems(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        arguments ??= new Dictionary<string, JsonElement>();
        var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value) : [];
        var problems = new List<string>();
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !arguments.ContainsKey(n)))
                problems.Add($"argument '{name}' is required");
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetValue(name, out var property))
            {
                problems.Add($"there is no argument '{name}' (it takes {string.Join(", ", properties.Keys)})");
                continue;
            }

            var types = TypesOf(property);
            if (types.Count > 0 && !types.Any(t => Fits(t, value)))
                problems.Add($"argument '{name}' must be {string.Join(" or ", types.Where(t => t != "null"))}, not {Shown(value)}");
        }

        return problems;
    }

    private static List<string> TypesOf(JsonElement property)
    {
        if (!property.TryGetProperty("type", out var type)) return [];
        return type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : [type.GetString()!];
    }

    private static bool Fits(string type, JsonElement value) => type switch
    {
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Shown(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 40 ? raw[..40] + "..." : raw;
    }
}
