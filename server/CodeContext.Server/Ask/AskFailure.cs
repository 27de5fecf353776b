using System.ClientModel;
using System.Text.Json;
using CodeContext.Core;

namespace CodeContext.Server.Ask;

/// <summary>
/// Turns what a provider library throws into one line that says what failed and what to change:
/// the HTTP status with the server's own error message (the OpenAI, vLLM, Ollama and Anthropic
/// error bodies), an unreachable address, a timeout.
/// </summary>
internal static class AskFailure
{
    public static UserError Describe(Exception error, EndpointSettings endpoint, bool timedOut)
    {
        var where = $"{endpoint.Provider} endpoint {endpoint.Url} ({endpoint.Source})";
        if (timedOut)
            return new UserError($"{where} gave no answer within {endpoint.Timeout.TotalSeconds:0} s: raise --timeout or check the server's load");
        var status = StatusOf(error);
        var body = BodyOf(error);
        var message = MessageIn(body) ?? FirstLine(Innermost(error).Message);
        return status switch
        {
            401 or 403 => new UserError($"{where} refused the key ({status}): {message}; check the variable --api-key-env names (default CODECONTEXT_API_KEY)"),
            404 => new UserError($"{where} answered 404: {message}; check the URL (OpenAI-compatible servers end in /v1) and --model '{endpoint.Model}'"),
            { } s and >= 400 and < 500 => new UserError($"{where} rejected the request ({s}): {message}; lower --budget or change the profile if it is a limit on size or images"),
            { } s => new UserError($"{where} failed ({s}): {message}; the server's log has the cause, retry later"),
            null when error is HttpRequestException or System.Net.Sockets.SocketException || Innermost(error) is System.Net.Sockets.SocketException =>
                new UserError($"cannot reach {where}: {message}; is the server running, and is --endpoint right?"),
            null => new UserError($"{where}: {message}"),
        };
    }

    private static int? StatusOf(Exception error) => error switch
    {
        ClientResultException { Status: > 0 } client => client.Status,
        HttpRequestException { StatusCode: { } code } => (int)code,
        Anthropic.Exceptions.AnthropicApiException api => (int)api.StatusCode,
        OllamaSharp.Models.Exceptions.OllamaException when error.InnerException is HttpRequestException { StatusCode: { } inner } => (int)inner,
        _ when error.InnerException is { } inner => StatusOf(inner),
        _ => null,
    };

    private static string? BodyOf(Exception error) => error switch
    {
        ClientResultException client => client.GetRawResponse()?.Content?.ToString(),
        Anthropic.Exceptions.AnthropicServiceException { ApiMessage: { } message } => JsonSerializer.Serialize(new { message }),
        HttpRequestException { StatusCode: not null } http => http.Message,
        _ when error.InnerException is { } inner => BodyOf(inner),
        _ => null,
    };

    /// <summary>The message of an error body: {"error":{"message"}} (OpenAI, Anthropic), {"message"} (vLLM), {"error":"..."} (Ollama).</summary>
    private static string? MessageIn(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("error", out var e))
            {
                if (e.ValueKind == JsonValueKind.String) return FirstLine(e.GetString()!);
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) return FirstLine(m.GetString()!);
            }

            return root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? FirstLine(message.GetString()!) : null;
        }
        catch (JsonException)
        {
            return FirstLine(body);
        }
    }

    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
