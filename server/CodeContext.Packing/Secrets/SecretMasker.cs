using System.Text;

namespace CodeContext.Packing.Secrets;

/// <summary>One masked secret: which rule found it and on which line (1-based) it starts.</summary>
public sealed record SecretFinding(string Rule, int Line);

/// <summary>
/// Masks secret-looking values in source text. A mask keeps the text's length and line breaks
/// (every other character becomes '*'), so classification spans and line numbers stay valid and
/// nothing downstream ever sees the value.
/// </summary>
public static class SecretMasker
{
    public const char MaskChar = '*';

    public static (string Text, IReadOnlyList<SecretFinding> Findings) Mask(string text)
    {
        List<(int Start, int Length, string Rule)>? hits = null;
        foreach (var (id, regex) in SecretRules.Default.Patterns)
        {
            foreach (var match in regex.EnumerateMatches(text))
            {
                (hits ??= []).Add((match.Index, match.Length, id));
            }
        }

        if (hits is null)
        {
            return (text, []);
        }

        var builder = new StringBuilder(text);
        var findings = new List<SecretFinding>();
        foreach (var (start, length, rule) in hits.OrderBy(h => h.Start))
        {
            for (var i = start; i < start + length; i++)
            {
                if (builder[i] is not ('\n' or '\r'))
                {
                    builder[i] = MaskChar;
                }
            }

            findings.Add(new SecretFinding(rule, LineOf(text, start)));
        }

        return (builder.ToString(), findings.DistinctBy(f => (f.Rule, f.Line)).ToList());
    }

    private static int LineOf(string text, int offset)
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
