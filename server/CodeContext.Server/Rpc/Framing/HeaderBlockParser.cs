using System.Buffers.Text;
using System.Text;

namespace CodeContext.Server.Rpc.Framing;

/// <summary>
/// A parsed header block. <paramref name="RefuseBody"/>: the header is well-formed (its
/// Content-Length can be trusted) but the message it announces is refused.
/// </summary>
internal sealed record HeaderBlock(long? ContentLength, string? Error, bool RefuseBody = false);

/// <summary>
/// What an LSP header block (the bytes before "\r\n\r\n") says: its Content-Length, or why it
/// cannot be trusted, or a charset that refuses the body. Junk in front of a good header (the tail
/// of a body whose Content-Length was too small) is recognised, so the message after it survives.
/// </summary>
internal static class HeaderBlockParser
{
    public static readonly byte[] ContentLengthName = "content-length:"u8.ToArray();

    public static HeaderBlock Parse(byte[] block)
    {
        var parsed = ParseHeaderLines(block);
        // A refused charset is not junk in front of a header: looking for a later Content-Length
        // would take it for stray bytes and run the message anyway.
        if (parsed.Error is null || parsed.RefuseBody) return parsed;
        // The last Content-Length in the block is the one nearest the body: anything before it is junk.
        var at = ByteSearch.LastIndexOfIgnoreCase(block, ContentLengthName);
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

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
