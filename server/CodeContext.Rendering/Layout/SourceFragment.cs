using CodeContext.Core;

namespace CodeContext.Rendering.Layout;

/// <summary>
/// One contiguous range of a file to put on pages. <see cref="Text"/> is exactly lines
/// <see cref="StartLine"/>..<see cref="EndLine"/> (1-based, inclusive) joined by newlines;
/// <see cref="Spans"/> classify it (offsets into <see cref="Text"/>), empty for plain text.
/// </summary>
public sealed record SourceFragment(string RelativePath, int StartLine, int EndLine, string Text, IReadOnlyList<CodeSpan> Spans)
{
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
