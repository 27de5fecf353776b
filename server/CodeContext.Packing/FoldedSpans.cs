using CodeContext.Core;
using CodeContext.Rendering.Layout;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Packing;

/// <summary>
/// Colours of a page fragment whose documentation comments were folded: each line the file has
/// unchanged takes its line's spans, shifted; a folded comment's line is a documentation comment.
/// </summary>
internal static class FoldedSpans
{
    /// <param name="spans">Spans of the whole file, in order.</param>
    public static IReadOnlyList<CodeSpan> Of(SourceFragment fragment, SourceText file, IReadOnlyList<CodeSpan> spans)
    {
        var result = new List<CodeSpan>();
        var next = 0;
        var pageStart = 0;
        var page = fragment.Text;
        for (var i = 0; i < fragment.LineCount; i++)
        {
            var pageEnd = page.IndexOf('\n', pageStart);
            if (pageEnd < 0) pageEnd = page.Length;
            var shown = page.AsSpan(pageStart, pageEnd - pageStart).TrimEnd('\r');
            var line = file.Lines[fragment.LineAt(i) - 1];
            if (shown.SequenceEqual(file.ToString(line.Span)))
            {
                while (next < spans.Count && spans[next].End <= line.Start) next++;
                for (var s = next; s < spans.Count && spans[s].Start < line.End; s++)
                {
                    var start = Math.Max(spans[s].Start, line.Start);
                    var end = Math.Min(spans[s].End, line.End);
                    if (end > start) result.Add(new CodeSpan(pageStart + start - line.Start, end - start, spans[s].Kind));
                }
            }
            else if (shown.Length > 0)
            {
                result.Add(new CodeSpan(pageStart, shown.Length, CodeSpanKind.DocComment));
            }

            pageStart = pageEnd + 1;
        }

        return result;
    }
}
