using System.Buffers;
using System.IO.Pipelines;

namespace CodeContext.Server.Rpc.Framing;

/// <summary>
/// Reads LSP base-protocol frames ("Content-Length: N\r\n\r\n" + N bytes) and never gives up on a
/// bad one: a frame it cannot accept becomes a <see cref="RejectedFrame"/> and reading goes on.
/// After a header it cannot trust it skips to the next "Content-Length:"; an oversized body is
/// skipped byte-exactly without being held in memory. This class is the state machine over the
/// pipe (skip, resync, pending body); what a header block says is <see cref="HeaderBlockParser"/>'s.
/// </summary>
internal sealed class LspFrameReader(PipeReader reader, FramingLimits limits)
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private long _skipBytes;
    private bool _resync;
    private long? _pendingLength;

    public async ValueTask<Frame> ReadAsync(CancellationToken cancellationToken)
    {
        if (_pendingLength is { } pending)
        {
            _pendingLength = null;
            return await BodyAsync(pending, cancellationToken).ConfigureAwait(false);
        }

        if (_skipBytes > 0 && !await SkipAsync(cancellationToken).ConfigureAwait(false)) return EndOfInput.Instance;
        if (_resync && !await ResyncAsync(cancellationToken).ConfigureAwait(false)) return EndOfInput.Instance;

        var headers = await ReadHeaderBlockAsync(cancellationToken).ConfigureAwait(false);
        if (headers is null) return EndOfInput.Instance;
        if (headers is { Error: { } refused, RefuseBody: true })
        {
            // The header was read whole and only its content is refused (a charset other than
            // UTF-8): skip exactly the announced body, never decoding or running it, and answer
            // with the request's id when it can be found, so the client's request is not left open.
            return await RefuseBodyAsync(headers.ContentLength!.Value, LspErrorCodes.ParseError, refused, cancellationToken).ConfigureAwait(false);
        }

        if (headers.Error is { } headerError)
        {
            // Junk before a good header (the tail of a body whose Content-Length was too small):
            // answer the junk, then read the message the header announces.
            if (headers.ContentLength is { } recovered) _pendingLength = recovered;
            else _resync = true;
            return new RejectedFrame(LspErrorCodes.ParseError, headerError, JsonRpcId.None);
        }

        return await BodyAsync(headers.ContentLength!.Value, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Frame> BodyAsync(long length, CancellationToken cancellationToken)
    {
        if (length > limits.MaxBodyBytes)
            return await RefuseBodyAsync(length, LspErrorCodes.InvalidRequest, $"message of {length} bytes exceeds the server's limit of {limits.MaxBodyBytes} bytes; it was skipped", cancellationToken).ConfigureAwait(false);

        // Nothing to wait for: reading would block until the client's next message.
        if (length == 0) return new RejectedFrame(LspErrorCodes.ParseError, "message body is empty (Content-Length: 0)", JsonRpcId.None);
        var body = await ReadBodyAsync((int)length, cancellationToken).ConfigureAwait(false);
        return body is null ? EndOfInput.Instance : new BodyFrame(body);
    }

    /// <summary>A body that will not be read: skipped byte-exactly, answered with its id when found in its first bytes.</summary>
    private async ValueTask<Frame> RefuseBodyAsync(long length, int code, string message, CancellationToken cancellationToken)
    {
        var id = await FindIdInPrefixAsync(length, cancellationToken).ConfigureAwait(false);
        _skipBytes = length;
        return new RejectedFrame(code, message, id);
    }

    /// <summary>Null at end of input.</summary>
    private async ValueTask<HeaderBlock?> ReadHeaderBlockAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var end = ByteSearch.IndexOf(buffer, HeaderEnd);
            if (end >= 0)
            {
                var block = buffer.Slice(0, end).ToArray();
                reader.AdvanceTo(buffer.GetPosition(end + HeaderEnd.Length));
                return HeaderBlockParser.Parse(block);
            }

            if (buffer.Length > limits.MaxHeaderBytes)
            {
                // Drop one byte only and let the resync look for the next header in what is
                // buffered: the tail may already hold (the start of) the next good message.
                reader.AdvanceTo(buffer.GetPosition(1));
                return new HeaderBlock(null, $"header block is longer than {limits.MaxHeaderBytes} bytes without an empty line; expected 'Content-Length: N' followed by \\r\\n\\r\\n");
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Null at end of input before the whole body arrived.</summary>
    private async ValueTask<byte[]?> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= length)
            {
                var body = buffer.Slice(0, length).ToArray();
                reader.AdvanceTo(buffer.GetPosition(length));
                return body;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Looks for a top-level "id" in the first bytes of an oversized body (clients write it before params).</summary>
    private async ValueTask<JsonRpcId> FindIdInPrefixAsync(long length, CancellationToken cancellationToken)
    {
        var want = (int)Math.Min(length, limits.IdSearchBytes);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= want || result.IsCompleted)
            {
                var prefix = buffer.Slice(0, Math.Min(buffer.Length, want)).ToArray();
                reader.AdvanceTo(buffer.Start);
                return JsonRpcShape.FindTopLevelId(prefix);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>False at end of input.</summary>
    private async ValueTask<bool> SkipAsync(CancellationToken cancellationToken)
    {
        while (_skipBytes > 0)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var take = Math.Min(_skipBytes, result.Buffer.Length);
            reader.AdvanceTo(result.Buffer.GetPosition(take));
            _skipBytes -= take;
            if (_skipBytes > 0 && result.IsCompleted) return false;
        }

        return true;
    }

    /// <summary>Drops input up to the next "Content-Length:" (any case). False at end of input.</summary>
    private async ValueTask<bool> ResyncAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var at = ByteSearch.IndexOfIgnoreCase(buffer, HeaderBlockParser.ContentLengthName);
            if (at >= 0)
            {
                reader.AdvanceTo(buffer.GetPosition(at));
                _resync = false;
                return true;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return false;
            }

            // Keep a tail that could be the start of the header name.
            var keep = Math.Min(buffer.Length, HeaderBlockParser.ContentLengthName.Length - 1);
            var drop = buffer.GetPosition(buffer.Length - keep);
            reader.AdvanceTo(drop, buffer.End);
        }
    }

}
