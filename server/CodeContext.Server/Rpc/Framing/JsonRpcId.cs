using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Framing;

/// <summary>A request id as the client sent it (number or string), or none.</summary>
internal readonly record struct JsonRpcId(long? Number, string? Text)
{
    public static JsonRpcId None => default;

    public bool IsNone => Number is null && Text is null;

    /// <summary>The id StreamJsonRpc writes: none becomes JSON null, as JSON-RPC asks of errors whose request id is unknown.</summary>
    public RequestId ToRequestId() => Number is { } n ? new RequestId(n) : Text is { } s ? new RequestId(s) : RequestId.Null;
}
