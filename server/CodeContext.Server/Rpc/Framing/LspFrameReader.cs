using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;

namespace CodeContext.Server.Rpc.Framing;

/// <summary>
/// Reads LSP base-protocol frames ("Content-Length: N\r\n\r\n" + N bytes) and never gives up on a
/// bad one: a frame it cannot accept becomes a <see cref="RejectedFrame"/> and reading goes on.
/// After a header it cannot trust it skips to the next "Content-Length:"; an oversized body is
/// skipped byte-exactly without being held in memory.
/// </summary>
internal sealed class LspFrameReader(PipeReader reader, FramingLimits limits)
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLengthName = "content-length:"u8.ToArray();

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

    /// <summary>
    /// A parsed header block. <paramref name="RefuseBody"/>: the header is well-formed (its
    /// Content-Length can be trusted) but the message it announces is refused.
    /// </summary>
    private sealed record HeaderBlock(long? ContentLength, string? Error, bool RefuseBody = false);

    /// <summary>Null at end of input.</summary>
    private async ValueTask<HeaderBlock?> ReadHeaderBlockAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var end = IndexOf(buffer, HeaderEnd);
            if (end >= 0)
            {
                var block = buffer.Slice(0, end).ToArray();
                reader.AdvanceTo(buffer.GetPosition(end + HeaderEnd.Length));
                return ParseHeaders(block);
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

    private static HeaderBlock ParseHeaders(byte[] block)
    {
        var parsed = ParseHeaderLines(block);
        // A refused charset is not junk in front of a header: looking for a later Content-Length
        // would take it for stray bytes and run the message anyway.
        if (parsed.Error is null || parsed.RefuseBody) return parsed;
        // The last Content-Length in the block is the one nearest the body: anything before it is junk.
        var at = LastIndexOfIgnoreCase(block, ContentLengthName);
        if (at <= 0) return parsed;
        var tail = ParseHeaderLines(block[(int)at..]);
        if (tail.Error is not null) return parsed;
        // Whole header lines right before Content-Length belong to this message, not to the junk:
        // a Content-Type there naming another charset still refuses it.
        var withHeaders = ParseHeaderLines(block[HeaderLinesBefore(block, at)..]);
        return withHeaders.RefuseBody
            ? withHeaders
            : new HeaderBlock(tail.ContentLength, $"{at} bytes that are not a header came before 'Content-Length' (was the previous Content-Length too small?)");
    }

    /// <summary>Where the run of "Name: value" lines that ends at <paramref name="at"/> starts.</summary>
    private static int HeaderLinesBefore(byte[] block, int at)
    {
        var start = at;
        while (start >= 2 && block[start - 2] == '\r' && block[start - 1] == '\n')
        {
            var lineEnd = start - 2;
            var lineStart = block.AsSpan(0, lineEnd).LastIndexOf("\r\n"u8) is var previous and >= 0 ? previous + 2 : 0;
            var line = block.AsSpan(lineStart, lineEnd - lineStart);
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].ContainsAnyExceptInRange((byte)'!', (byte)'~')) break;
            start = lineStart;
        }

        return start;
    }

    private static HeaderBlock ParseHeaderLines(byte[] block)
    {
        long? contentLength = null;
        string? refusedCharset = null;
        var text = Encoding.ASCII.GetString(block);
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) return new HeaderBlock(null, $"malformed header line '{Shorten(line)}': expected 'Name: value'");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!Utf8Parser.TryParse(Encoding.ASCII.GetBytes(value), out long parsed, out var consumed) || consumed != value.Length || value.Length == 0 || parsed < 0)
                    return new HeaderBlock(null, $"Content-Length '{Shorten(value)}' is not a non-negative whole number");
                contentLength = parsed;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && ContentTypeCharset.Refused(value) is { } charset)
            {
                refusedCharset ??= $"header 'Content-Type: {Shorten(value)}' names charset '{Shorten(charset)}'; LSP messages are UTF-8 only (charset=utf-8, or utf8 for older clients); the message was skipped";
            }
        }

        if (contentLength is null) return new HeaderBlock(null, "header block has no Content-Length header");
        return refusedCharset is null
            ? new HeaderBlock(contentLength, null)
            : new HeaderBlock(contentLength, refusedCharset, RefuseBody: true);
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
            var at = IndexOfIgnoreCase(buffer, ContentLengthName);
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
            var keep = Math.Min(buffer.Length, ContentLengthName.Length - 1);
            var drop = buffer.GetPosition(buffer.Length - keep);
            reader.AdvanceTo(drop, buffer.End);
        }
    }

    private static long IndexOf(ReadOnlySequence<byte> buffer, byte[] needle)
    {
        if (buffer.IsSingleSegment) return buffer.FirstSpan.IndexOf(needle);
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> before, needle, advancePastDelimiter: false) ? before.Length : -1;
    }

    private static long IndexOfIgnoreCase(ReadOnlySequence<byte> buffer, byte[] lowerNeedle)
    {
        var bytes = buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray();
        for (var i = 0; i + lowerNeedle.Length <= bytes.Length; i++)
        {
            if (MatchesAt(bytes, i, lowerNeedle)) return i;
        }

        return -1;
    }

    private static int LastIndexOfIgnoreCase(byte[] bytes, byte[] lowerNeedle)
    {
        for (var i = bytes.Length - lowerNeedle.Length; i >= 0; i--)
        {
            if (MatchesAt(bytes, i, lowerNeedle)) return i;
        }

        return -1;
    }

    private static bool MatchesAt(ReadOnlySpan<byte> bytes, int at, byte[] lowerNeedle)
    {
        for (var j = 0; j < lowerNeedle.Length; j++)
        {
            if ((bytes[at + j] | 0x20) != lowerNeedle[j] && bytes[at + j] != lowerNeedle[j]) return false;
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
