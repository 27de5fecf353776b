using System.Text;

namespace CodeContext.Core.Sources;

/// <summary>
/// Source bytes to text as the C# compiler reads them: a byte-order mark (UTF-8, UTF-16 LE/BE,
/// UTF-32 LE/BE) decides; without one, UTF-8 when the bytes are valid UTF-8, else Latin-1 (the
/// compiler's own fallback is the system code page; Latin-1 maps every byte, so nothing is lost).
/// </summary>
public static class SourceDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Bom(bytes) is { } bom)
        {
            return bom.Encoding.GetString(bytes[bom.Length..]);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>The encoding a byte-order mark names and the mark's length; null without one.</summary>
    public static (Encoding Encoding, int Length)? Bom(ReadOnlySpan<byte> bytes)
    {
        // UTF-32 LE before UTF-16 LE: its mark starts with UTF-16 LE's.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (new UTF8Encoding(false), 3);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        return null;
    }
}
