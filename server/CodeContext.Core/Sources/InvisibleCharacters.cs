using System.Globalization;
using System.Text;

namespace CodeContext.Core.Sources;

/// <summary>
/// Trojan-source characters (CVE-2021-42574 and friends): bidirectional controls that make code read
/// differently from how it compiles, zero-width characters that hide in identifiers and strings,
/// and identifiers that mix Latin with look-alike Cyrillic or Greek letters. Compilers and editors
/// now warn about them; here each invisible one is replaced by its C# escape (<c>\u202E</c>), which
/// inside a string or character literal means the same character and elsewhere is plainly visible,
/// and every one is reported.
/// </summary>
public static class InvisibleCharacters
{
    public static (string Text, IReadOnlyList<SourceNotice> Notices) MakeVisible(string text)
    {
        List<SourceNotice>? notices = null;
        StringBuilder? visible = null;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') line++;
            if (Kind(c, i) is { } kind)
            {
                (notices ??= []).Add(new SourceNotice(kind, line, $"U+{(int)c:X4}"));
                visible ??= new StringBuilder(text, 0, i, text.Length + 16);
                visible.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                continue;
            }

            visible?.Append(c);
        }

        var result = visible?.ToString() ?? text;
        foreach (var notice in MixedScriptIdentifiers(result)) (notices ??= []).Add(notice);
        return (result, notices ?? (IReadOnlyList<SourceNotice>)[]);
    }

    private static string? Kind(char c, int index) => c switch
    {
        >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' => "bidirectional control character",
        '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\u180E' => "zero-width character",
        // A byte-order mark is fine as the file's first character (it is not one here: decoding drops it).
        '\uFEFF' when index > 0 => "zero-width character",
        _ => null,
    };

    /// <summary>Identifiers with both Latin and Cyrillic or Greek letters: <c>раypal</c> with a Cyrillic 'р' and 'а'.</summary>
    private static IEnumerable<SourceNotice> MixedScriptIdentifiers(string text)
    {
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') { line++; continue; }
            if (!char.IsLetter(text[i]) && text[i] != '_') continue;
            var start = i;
            bool latin = false, lookAlike = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                var c = text[i];
                if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z') latin = true;
                else if (c is >= '\u0370' and <= '\u03FF' or >= '\u0400' and <= '\u04FF') lookAlike = true;
                i++;
            }

            if (latin && lookAlike) yield return new SourceNotice("mixed-script identifier (look-alike letters)", line, text[start..i]);
            i--;
        }
    }
}
