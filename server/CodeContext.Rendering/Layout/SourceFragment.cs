using CodeContext.Core;

namespace CodeContext.Rendering.Layout;

/// <summary>
/// One range of a file to put on pages. <see cref="Text"/> is exactly lines
/// <see cref="StartLine"/>..<see cref="EndLine"/> (1-based, inclusive) joined by newlines, unless
/// <see cref="LineNumbers"/> says which line of the file each of its lines shows (a range whose
/// documentation comments were folded); <see cref="Spans"/> classify it (offsets into
/// <see cref="Text"/>), empty for plain text.
/// </summary>
public sealed record SourceFragment(string RelativePath, int StartLine, int EndLine, string Text, IReadOnlyList<CodeSpan> Spans)
{
    /// <summary>The file's line number of each line of <see cref="Text"/>, ascending; null: StartLine, StartLine + 1, ...</summary>
    public IReadOnlyList<int>? LineNumbers { get; init; }

    /// <summary>Lines of <see cref="Text"/>.</summary>
    public int LineCount => LineNumbers?.Count ?? EndLine - StartLine + 1;

    /// <summary>The file's line number of line <paramref name="index"/> (0-based) of <see cref="Text"/>.</summary>
    public int LineAt(int index) => LineNumbers is { } numbers ? numbers[index] : StartLine + index;

    /// <summary>A fragment of whole-file text: picks lines [start, end] and keeps spans inside them.</summary>
    public static SourceFragment FromFile(string relativePath, string fileText, IReadOnlyList<CodeSpan> fileSpans, int startLine = 1, int? endLine = null)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < fileText.Length; i++)
        {
            if (fileText[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        // A final newline ends the last line rather than starting an empty one.
        var lineCount = fileText.Length > 0 && fileText[^1] == '\n' ? lineStarts.Count - 1 : lineStarts.Count;
        lineCount = Math.Max(lineCount, 1);
        var last = Math.Min(endLine ?? lineCount, lineCount);
        if (startLine < 1 || startLine > last)
        {
            throw new UserError($"{relativePath}: line range {startLine}-{endLine} is outside the file's {lineCount} lines");
        }

        var from = lineStarts[startLine - 1];
        var to = last < lineStarts.Count ? lineStarts[last] - 1 : fileText.Length;
        to = Math.Max(from, to);
        var spans = new List<CodeSpan>();
        foreach (var span in fileSpans)
        {
            var s = Math.Max(span.Start, from);
            var e = Math.Min(span.End, to);
            if (e > s)
            {
                spans.Add(new CodeSpan(s - from, e - s, span.Kind));
            }
        }

        return new SourceFragment(relativePath, startLine, last, fileText[from..to], spans);
    }
}
