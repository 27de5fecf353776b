using System.Text.Json;

namespace CodeContext.Server.Rpc.Framing;

/// <summary>What a well-formed JSON body turned out to be.</summary>
internal enum MessageKind
{
    Request,
    Notification,
    Response,
}

/// <summary>The verdict on one body: deliverable (with its kind and id) or rejected with a JSON-RPC error.</summary>
internal sealed record ShapeVerdict(MessageKind Kind, JsonRpcId Id, int? ErrorCode = null, string? Error = null)
{
    public bool Accepted => ErrorCode is null;
}

/// <summary>
/// Checks that a body is one JSON-RPC 2.0 message before StreamJsonRpc sees it: StreamJsonRpc
/// treats anything it cannot parse as fatal and drops the connection, while JSON-RPC wants an
/// error reply (-32700 for bad JSON, -32600 for JSON that is not a request) and the session to go on.
/// </summary>
internal static class JsonRpcShape
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    public static ShapeVerdict Check(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            return Reject(LspErrorCodes.ParseError, $"body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return CheckMessage(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // JsonDocument accepts invalid UTF-8 and lone surrogates inside strings; reading them fails.
                return Reject(LspErrorCodes.InvalidRequest, $"message holds a string that is not valid Unicode: {e.Message}");
            }
        }
    }

    private static ShapeVerdict CheckMessage(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
            return Reject(LspErrorCodes.InvalidRequest, "batch messages (a JSON array) are not supported; send one message per frame");
        if (root.ValueKind != JsonValueKind.Object)
            return Reject(LspErrorCodes.InvalidRequest, $"a JSON-RPC message must be a JSON object, not {Describe(root.ValueKind)}");

        var hasId = root.TryGetProperty("id", out var idElement);
        var id = hasId ? ReadId(idElement) : JsonRpcId.None;
        if (hasId && id.IsNone && idElement.ValueKind != JsonValueKind.Null)
            return Reject(LspErrorCodes.InvalidRequest, $"'id' must be a string or a whole number, not {Describe(idElement.ValueKind)}");

        if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            return Reject(LspErrorCodes.InvalidRequest, "'jsonrpc' must be \"2.0\"", id);

        if (root.TryGetProperty("method", out var method))
        {
            if (method.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(method.GetString()))
                return Reject(LspErrorCodes.InvalidRequest, "'method' must be a non-empty string", id);
            if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                return Reject(LspErrorCodes.InvalidRequest, $"'params' of '{Shorten(method.GetString()!)}' must be an object or an array, not {Describe(parameters.ValueKind)}", id);
            if (hasId && idElement.ValueKind == JsonValueKind.Null)
                return Reject(LspErrorCodes.InvalidRequest, $"request '{Shorten(method.GetString()!)}' has id null; use a string or number, or leave 'id' out for a notification", id);
            // Checked here, before StreamJsonRpc copies the text into the handler's parameters.
            if (parameters.ValueKind == JsonValueKind.Object && QueryRefusal(method.GetString()!, parameters) is { } tooLong)
                return Reject(LspErrorCodes.InvalidParams, tooLong, id);
            return new ShapeVerdict(hasId ? MessageKind.Request : MessageKind.Notification, id);
        }

        var hasResult = root.TryGetProperty("result", out _);
        var hasError = root.TryGetProperty("error", out var error);
        if (hasResult == hasError)
            return Reject(LspErrorCodes.InvalidRequest, "message has no 'method' and is not a response (exactly one of 'result' or 'error')", id);
        if (id.IsNone)
            return Reject(LspErrorCodes.InvalidRequest, "response has no usable 'id'", id);
        if (hasError && !(error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt64(out _)
            && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String))
            return Reject(LspErrorCodes.InvalidRequest, "response 'error' must be an object with a whole-number 'code' and a string 'message'", id);
        return new ShapeVerdict(MessageKind.Response, id);
    }

    private static string? QueryRefusal(string method, JsonElement parameters)
    {
        if (!parameters.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String) return null;
        // A character takes 1 to 6 bytes of JSON (\uXXXX): a short raw value needs no decoding, and
        // a huge one is refused without decoding it (a 30 MB query would be a 60 MB string).
        var rawBytes = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(query).Length - 2;
        if (rawBytes <= QueryLimit.MaxChars) return null;
        var where = $"{Shorten(method)}: params.query";
        return rawBytes > QueryLimit.MaxJsonBytesPerChar * QueryLimit.MaxChars
            ? QueryLimit.RefusalBySize(rawBytes, where)
            : QueryLimit.Refusal(query.GetString(), where);
    }

    /// <summary>The top-level "id" in a possibly truncated body, or none.</summary>
    public static JsonRpcId FindTopLevelId(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 }));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return JsonRpcId.None;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return JsonRpcId.None;
                if (reader.TokenType != JsonTokenType.PropertyName) return JsonRpcId.None;
                var isId = reader.ValueTextEquals("id"u8);
                if (!reader.Read()) return JsonRpcId.None;
                if (isId)
                {
                    if (reader.TokenType == JsonTokenType.String) return new JsonRpcId(null, reader.GetString());
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n)) return new JsonRpcId(n, null);
                    return JsonRpcId.None;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return JsonRpcId.None;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
        }

        return JsonRpcId.None;
    }

    private static JsonRpcId ReadId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => new JsonRpcId(null, id.GetString()),
        JsonValueKind.Number when id.TryGetInt64(out var n) => new JsonRpcId(n, null),
        _ => JsonRpcId.None,
    };

    private static ShapeVerdict Reject(int code, string message, JsonRpcId id = default) =>
        new(MessageKind.Request, id, code, message);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
