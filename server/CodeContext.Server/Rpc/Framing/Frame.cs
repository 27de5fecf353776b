namespace CodeContext.Server.Rpc.Framing;

/// <summary>What the framing layer read: a whole message body, a rejected message to answer, or the end of input.</summary>
internal abstract record Frame;

/// <summary>One message body exactly as long as its Content-Length said.</summary>
internal sealed record BodyFrame(byte[] Body) : Frame;

/// <summary>
/// A message that cannot be delivered. <paramref name="Id"/> is the request id when it could be
/// found (so the client's pending request is answered), otherwise the reply carries id null.
/// </summary>
internal sealed record RejectedFrame(int Code, string Message, JsonRpcId Id) : Frame;

/// <summary>The client closed its side of the stream.</summary>
internal sealed record EndOfInput : Frame
{
    public static EndOfInput Instance { get; } = new();
}
