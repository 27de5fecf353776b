using System.Text;
using CodeContext.Core;

namespace CodeContext.Rendering.Layout;

/// <summary>One source line as monospace cells: one code point per cell, tabs expanded to stops of four.</summary>
internal readonly record struct Cell(int CodePoint, CodeSpanKind Kind);

internal static class CellLines
{
    public const int TabWidth = 4;

    /// <summary>Leading spaces of a line (tabs are already spaces): its indentation.</summary>
    public static int Indent(Cell[] line)
    {
        var n = 0;
        while (n < line.Length && line[n].CodePoint == ' ')
        {
            n++;
        }

        return n;
    }

    /// <summary>Splits a fragment into lines of cells, each cell carrying its classification.</summary>
    public static List<Cell[]> Build(SourceFragment fragment)
    {
        var text = fragment.Text;
        var kinds = new CodeSpanKind[text.Length];
        foreach (var span in fragment.Spans)
        {
            var end = Math.Min(span.End, text.Length);
            for (var i = Math.Max(0, span.Start); i < end; i++)
            {
                kinds[i] = span.Kind;
            }
        }

        var lines = new List<Cell[]>();
        var current = new List<Cell>(128);
        var i2 = 0;
        while (i2 <= text.Length)
        {
            if (i2 == text.Length || text[i2] == '\n')
            {
                lines.Add([.. current]);
                current.Clear();
                i2++;
                continue;
            }

            var c = text[i2];
            if (c == '\r' && (i2 + 1 == text.Length || text[i2 + 1] == '\n'))
            {
                i2++;
                continue;
            }

            if (c == '\t')
            {
                var spaces = TabWidth - (current.Count % TabWidth);
                for (var s = 0; s < spaces; s++)
                {
                    current.Add(new Cell(' ', kinds[i2]));
                }

                i2++;
                continue;
            }

            Rune.DecodeFromUtf16(text.AsSpan(i2), out var rune, out var consumed);
            // Control characters would draw nothing: show them as their visible Control Pictures.
            var cp = rune.Value < 0x20 ? 0x2400 + rune.Value : rune.Value;
            current.Add(new Cell(cp, kinds[i2]));
            i2 += Math.Max(1, consumed);
        }

        return lines;
    }
}
