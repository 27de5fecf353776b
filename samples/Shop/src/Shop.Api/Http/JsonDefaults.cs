using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Api.Http;

/// <summary>One set of JSON settings for reading requests and writing responses.</summary>
public static class JsonDefaults
{
    /// <summary>camelCase names, enums as strings, case-insensitive reading.</summary>
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    /// <summary>The same, indented for console output.</summary>
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,

        // Responses are read by people in a console, not embedded in HTML, so quotes and
        // non-ASCII names stay readable instead of becoming \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
