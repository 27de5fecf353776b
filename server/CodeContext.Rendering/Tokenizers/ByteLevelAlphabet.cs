namespace CodeContext.Rendering.Tokenizers;

/// <summary>
/// The byte-level BPE alphabet: every byte maps to one printable character, so a vocabulary of
/// strings can spell any byte sequence (printable ASCII/Latin-1 map to themselves, the rest to
/// code points from 256 up, in byte order).
/// </summary>
internal static class ByteLevelAlphabet
{
    public static readonly char[] ByteToChar = Build();

    private static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }
}
