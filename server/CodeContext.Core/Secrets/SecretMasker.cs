using System.Text;
using System.Text.RegularExpressions;

namespace CodeContext.Core.Secrets;

/// <summary>One masked secret: which rule found it and on which line (1-based) it starts.</summary>
public sealed record SecretFinding(string Rule, int Line);

/// <summary>Where a secret was masked: a character range of the text and the rule that found it.</summary>
public sealed record SecretHit(int Start, int Length, string Rule, int Line);

/// <summary>
/// Masks secret-looking values in source text. A mask keeps the text's length and line breaks
/// (every other character becomes '*'), so classification spans and line numbers stay valid and
/// nothing downstream ever sees the value.
/// </summary>
public static class SecretMasker
{
    public const char MaskChar = '*';

    public static (string Text, IReadOnlyList<SecretFinding> Findings) Mask(string text) => Mask(text, Find(text));

    /// <summary>The text with <paramref name="hits"/> (from <see cref="Find"/>, now or cached) masked, and the findings to report.</summary>
    public static (string Text, IReadOnlyList<SecretFinding> Findings) Mask(string text, IReadOnlyList<SecretHit> hits)
    {
        return (Apply(text, hits.Select(h => (h.Start, h.Length))), hits.Select(h => new SecretFinding(h.Rule, h.Line)).DistinctBy(f => (f.Rule, f.Line)).ToList());
    }

    /// <summary>Every secret-looking value in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<SecretHit> Find(string text)
    {
        var hits = new List<SecretHit>();
        foreach (var (id, regex) in SecretRules.Default.Patterns)
        {
            // Patterns name the value part "secret" when their match also holds context (a key name, a URL).
            for (var match = regex.Match(text); match.Success; match = match.NextMatch())
            {
                var value = match.Groups["secret"] is { Success: true } group ? (Capture)group : match;
                hits.Add(new SecretHit(value.Index, value.Length, id, LineOf(text, value.Index)));
            }
        }

        hits.Sort((a, b) => a.Start.CompareTo(b.Start));
        return hits;
    }

    /// <summary>The text with the given ranges masked: every character but line breaks becomes <see cref="MaskChar"/>.</summary>
    public static string Apply(string text, IEnumerable<(int Start, int Length)> ranges)
    {
        StringBuilder? builder = null;
        foreach (var (start, length) in ranges)
        {
            builder ??= new StringBuilder(text);
            for (var i = start; i < start + length && i < builder.Length; i++)
            {
                if (builder[i] is not ('\n' or '\r'))
                {
                    builder[i] = MaskChar;
                }
            }
        }

        return builder?.ToString() ?? text;
    }

    internal static int LineOf(string text, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
