using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Packing.Planning;

/// <summary>
/// The lines at the top of a file that tell a reader nothing about its code: licence and copyright
/// comments, <c>using</c> directives, <c>#region</c>/<c>#nullable</c>/<c>#pragma</c> lines and the
/// blank lines between them. Pages start after them: most files of a library open with a 2 to 15
/// line licence and a block of usings, which cost page rows at every level. Text forms stay exact,
/// and a region read returns every line.
/// </summary>
public static class LeadingBoilerplate
{
    /// <summary>How many lines at the start of <paramref name="text"/> are boilerplate (never all of them).</summary>
    public static int Lines(string text)
    {
        var lines = text.Split('\n');
        // A final line break ends the last line; it does not start another. The last line always stays.
        var count = lines.Length - (text.EndsWith('\n') ? 1 : 0);
        var skipped = 0;
        var inBlockComment = false;
        for (var i = 0; i < count - 1; i++)
        {
            var line = lines[i].Trim();
            if (inBlockComment)
            {
                inBlockComment = !line.Contains("*/", StringComparison.Ordinal);
            }
            else if (line.StartsWith("/*", StringComparison.Ordinal))
            {
                inBlockComment = !line.Contains("*/", StringComparison.Ordinal);
            }
            else if (!IsBoilerplate(line))
            {
                break;
            }

            skipped = i + 1;
        }

        // An unterminated comment runs to the end: nothing to skip to.
        return inBlockComment ? 0 : skipped;
    }

    /// <summary>
    /// <paramref name="text"/> from its first line after the boilerplate (<see cref="Lines"/>), and how
    /// many lines were left out; <paramref name="lineCount"/> is how many lines the text has.
    /// </summary>
    public static (string Body, int Skipped) Without(string text, int lineCount)
    {
        var skipped = Lines(text);
        return (skipped == 0 ? text : CandidateBuilder.SliceOf(text, SourceText.From(text), skipped + 1, lineCount), skipped);
    }

    private static bool IsBoilerplate(string line) =>
        line.Length == 0
        // A licence or file comment; a documentation comment belongs to the declaration below it.
        || (line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("///", StringComparison.Ordinal))
        || IsUsingDirective(line)
        || line.StartsWith("#region", StringComparison.Ordinal) || line.StartsWith("#endregion", StringComparison.Ordinal)
        || line.StartsWith("#nullable", StringComparison.Ordinal) || line.StartsWith("#pragma", StringComparison.Ordinal)
        || (line.StartsWith("extern alias ", StringComparison.Ordinal) && line.EndsWith(';'));

    /// <summary>using X; global using X; using static X; using A = X; (not a using statement or declaration).</summary>
    private static bool IsUsingDirective(string line)
    {
        var rest = line.StartsWith("global ", StringComparison.Ordinal) ? line[7..].TrimStart() : line;
        if (!rest.StartsWith("using ", StringComparison.Ordinal) || !rest.EndsWith(';')) return false;
        var name = rest[6..].TrimStart();
        return !name.StartsWith('(') && !name.StartsWith("var ", StringComparison.Ordinal) && !name.StartsWith("await ", StringComparison.Ordinal);
    }
}
