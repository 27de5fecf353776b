using System.Buffers;

namespace CodeContext.Server.Rpc.Framing;

/// <summary>Byte searches over pipe buffers; "IgnoreCase" needles are lower-case ASCII.</summary>
internal static class ByteSearch
{
    public static long IndexOf(ReadOnlySequence<byte> buffer, byte[] needle)
    {
        if (buffer.IsSingleSegment) return buffer.FirstSpan.IndexOf(needle);
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> before, needle, advancePastDelimiter: false) ? before.Length : -1;
    }

    public static long IndexOfIgnoreCase(ReadOnlySequence<byte> buffer, byte[] lowerNeedle)
    {
        var bytes = buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray();
        for (var i = 0; i + lowerNeedle.Length <= bytes.Length; i++)
        {
            if (MatchesAt(bytes, i, lowerNeedle)) return i;
        }

        return -1;
    }

    public static int LastIndexOfIgnoreCase(byte[] bytes, byte[] lowerNeedle)
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
}
