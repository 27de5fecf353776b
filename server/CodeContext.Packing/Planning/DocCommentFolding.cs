using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeContext.Packing.Planning;

/// <summary>What a page or an outline keeps of an XML documentation comment (planner.json, per level).</summary>
public enum DocumentationFold
{
    /// <summary>Every line, as written.</summary>
    Full,

    /// <summary>One line: the summary's first sentence (a comment of only parameters leaves nothing).</summary>
    Summary,

    /// <summary>Nothing: at a level whose names are read with errors, a sentence costs rows and is rarely read right.</summary>
    Drop,
}

/// <summary>
/// Folds each XML documentation comment of a page's text as the level's policy says: to one line,
/// its summary's first sentence, or to nothing; and leaves out the lines the file's syntax says are
/// only a <c>using</c> directive or a <c>#region</c>/<c>#endregion</c> line. A library's pages
/// otherwise spend a third of their rows on <c>///</c> lines whose tags and parameter lists repeat
/// the signatures below them. The page keeps every other line as it is and says which line of the
/// file each of its lines is, so gutters, headers and region maps name the file's own lines; text
/// forms and a region read carry the comment whole.
/// </summary>
public static partial class DocCommentFolding
{
    /// <summary>The folded text and the file's line number of each of its lines; null numbers when nothing was folded.</summary>
    /// <param name="firstLine">The file's line number of the text's first line.</param>
    /// <param name="skipped">File line numbers to leave out (directives that tell a reader nothing); null: none.</param>
    public static (string Text, int[]? LineNumbers) Fold(string text, int firstLine, DocumentationFold mode = DocumentationFold.Summary, IReadOnlySet<int>? skipped = null)
    {
        var lines = text.Split('\n');
        // A final line break ends the last line; it does not start another.
        var count = lines.Length - (text.EndsWith('\n') ? 1 : 0);
        var kept = new List<string>(lines.Length);
        var numbers = new List<int>(lines.Length);
        var folded = false;
        for (var i = 0; i < count;)
        {
            var run = 0;
            while (mode != DocumentationFold.Full && i + run < count && IsDocLine(lines[i + run]))
            {
                run++;
            }

            if (run == 0 && skipped is not null && skipped.Contains(firstLine + i))
            {
                folded = true;
                i++;
                continue;
            }

            // A lone line stays as it is unless it is a whole summary, whose tags are worth a wrap, or the level drops documentation.
            if (run == 0 || (run == 1 && mode == DocumentationFold.Summary && !lines[i].Contains("<summary>", StringComparison.Ordinal)))
            {
                kept.Add(lines[i]);
                numbers.Add(firstLine + i);
                i++;
                continue;
            }

            folded = true;
            var first = lines[i];
            var summary = mode == DocumentationFold.Summary ? Summary(lines.AsSpan(i, run)) : "";
            if (summary.Length > 0)
            {
                var indent = first[..(first.Length - first.TrimStart().Length)];
                kept.Add($"{indent}/// {summary}{(first.EndsWith('\r') ? "\r" : "")}");
                numbers.Add(firstLine + i);
            }

            i += run;
        }

        // A text that was only documentation keeps its first line: a page never shows nothing.
        if (!folded || kept.Count == 0)
        {
            return (text, null);
        }

        return (string.Join('\n', kept) + (count < lines.Length ? "\n" : ""), [.. numbers]);
    }

    private static bool IsDocLine(string line) => line.AsSpan().TrimStart().StartsWith("///", StringComparison.Ordinal);

    /// <summary>The first sentence of the comment's summary as plain words: cref and name attributes kept, other markup gone.</summary>
    private static string Summary(ReadOnlySpan<string> run)
    {
        var xml = new StringBuilder();
        foreach (var line in run)
        {
            xml.Append(line.AsSpan().TrimStart()[3..].Trim()).Append(' ');
        }

        var all = xml.ToString();
        var start = all.IndexOf("<summary>", StringComparison.Ordinal);
        if (start < 0)
        {
            return all.Contains("<inheritdoc", StringComparison.Ordinal) ? "<inheritdoc/>" : "";
        }

        var end = all.IndexOf("</summary>", start, StringComparison.Ordinal);
        var inner = all[(start + 9)..(end < 0 ? all.Length : end)];
        // <see cref="T:Foo.Bar"/> and <paramref name="x"/> read as their names; other tags vanish.
        var words = Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(Reference().Replace(inner, m => ShortName(m.Groups["name"].Value)), "")), " ").Trim();
        var sentence = SentenceEnd().Match(words);
        return sentence.Success ? words[..(sentence.Index + 1)] : words;
    }

    private static string ShortName(string reference)
    {
        var name = reference.Length > 2 && reference[1] == ':' ? reference[2..] : reference;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    [GeneratedRegex("<(?:see|seealso|paramref|typeparamref)\\s+(?:cref|name|langword|href)\\s*=\\s*\"(?<name>[^\"]*)\"[^>]*/?>(?:</(?:see|seealso)>)?")]
    private static partial Regex Reference();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    // A period that ends a sentence: followed by a space and a capital, or the end.
    [GeneratedRegex("\\.(?=\\s+[A-Z]|$)")]
    private static partial Regex SentenceEnd();
}
