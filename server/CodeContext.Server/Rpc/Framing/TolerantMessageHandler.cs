using System.Collections.Concurrent;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using StreamJsonRpc.Reflection;

namespace CodeContext.Server.Rpc.Framing;

/// <summary>
/// LSP framing for StreamJsonRpc that survives bad input: writing is HeaderDelimitedMessageHandler's
/// own; reading goes through <see cref="LspFrameReader"/> and <see cref="JsonRpcShape"/>, answers
/// every undeliverable message itself and keeps reading, so StreamJsonRpc only ever sees messages
/// it can handle (it would otherwise end the connection).
/// </summary>
internal sealed class TolerantMessageHandler : HeaderDelimitedMessageHandler, IJsonRpcMessageBufferManager
{
    private readonly LspFrameReader _frames;
    private readonly TextWriter _log;
    private readonly ConcurrentDictionary<RequestId, byte> _awaitingResponse = new();
    private readonly ConcurrentDictionary<RequestId, byte> _inFlight = new();
    private readonly ConcurrentDictionary<JsonRpcMessage, byte> _ownRejections = new(ReferenceEqualityComparer.Instance);

    public TolerantMessageHandler(Stream output, Stream input, SystemTextJsonFormatter formatter, FramingLimits limits, TextWriter log)
        : base(output, input, formatter)
    {
        _frames = new LspFrameReader(Reader!, limits);
        _log = log;
    }

    /// <summary>How many messages were rejected by the framing layer (for status and fuzzing).</summary>
    public int Rejected => _rejected;

    private int _rejected;

    void IJsonRpcMessageBufferManager.DeserializationComplete(JsonRpcMessage message) =>
        (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await _frames.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (frame)
            {
                case EndOfInput:
                    return null;
                case RejectedFrame rejected:
                    await RejectAsync(rejected.Code, rejected.Message, rejected.Id, cancellationToken).ConfigureAwait(false);
                    continue;
                case BodyFrame body:
                    var message = await AcceptAsync(body.Body, cancellationToken).ConfigureAwait(false);
                    if (message is not null) return message;
                    continue;
            }
        }
    }

    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        // Remember the server's own requests so that a reply to anything else can be dropped:
        // StreamJsonRpc ends the connection on a response it does not expect.
        if (content is JsonRpcRequest { IsResponseExpected: true } request) _awaitingResponse.TryAdd(request.RequestId, 0);
        // A request's id is free again once it is answered (but not by a rejection of a duplicate).
        if (content is JsonRpcResult result) _inFlight.TryRemove(result.RequestId, out _);
        if (content is JsonRpcError error && !_ownRejections.TryRemove(error, out _)) _inFlight.TryRemove(error.RequestId, out _);
        base.Write(content, cancellationToken);
    }

    private async ValueTask<JsonRpcMessage?> AcceptAsync(byte[] body, CancellationToken cancellationToken)
    {
        var verdict = JsonRpcShape.Check(body);
        if (!verdict.Accepted)
        {
            await RejectAsync(verdict.ErrorCode!.Value, verdict.Error!, verdict.Id, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (verdict.Kind == MessageKind.Response && !_awaitingResponse.TryRemove(verdict.Id.ToRequestId(), out _))
        {
            await _log.WriteLineAsync($"codecontext serve: dropped a response to unknown request id {verdict.Id.ToRequestId()}").ConfigureAwait(false);
            return null;
        }

        if (verdict.Kind == MessageKind.Request && !_inFlight.TryAdd(verdict.Id.ToRequestId(), 0))
        {
            // StreamJsonRpc cannot track two live requests with one id (found by fuzzing).
            await RejectAsync(LspErrorCodes.InvalidRequest, $"request id {verdict.Id.ToRequestId()} is already in use by a request that has not been answered", verdict.Id, cancellationToken).ConfigureAwait(false);
            return null;
        }

        try
        {
            return Formatter.Deserialize(new System.Buffers.ReadOnlySequence<byte>(body));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException or OverflowException)
        {
            _inFlight.TryRemove(verdict.Id.ToRequestId(), out _);
            if (verdict.Kind != MessageKind.Response)
                await RejectAsync(LspErrorCodes.InvalidRequest, $"message could not be read as JSON-RPC: {e.Message}", verdict.Id, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private async ValueTask RejectAsync(int code, string message, JsonRpcId id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _rejected);
        await _log.WriteLineAsync($"codecontext serve: rejected a message ({code}): {message}").ConfigureAwait(false);
        var error = ((IJsonRpcMessageFactory)Formatter).CreateErrorMessage();
        error.RequestId = id.ToRequestId();
        error.Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message };
        _ownRejections.TryAdd(error, 0);
        await WriteAsync(error, cancellationToken).ConfigureAwait(false);
    }
}
