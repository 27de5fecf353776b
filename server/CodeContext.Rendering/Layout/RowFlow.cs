namespace CodeContext.Rendering.Layout;

/// <summary>
/// How fragments' lines flow down equal columns of a given width: headers where a fragment starts
/// or continues, lines broken into row pieces at token boundaries (<see cref="WrapPoints"/>),
/// lowered empty lines. The column search counts with it; the chosen width builds with it.
/// </summary>
internal static class RowFlow
{
    /// <summary>
    /// The flow of rows into equal columns <paramref name="chars"/> cells wide: a header opens every
    /// column a fragment starts or continues in, a row goes to the next column when it would pass
    /// the bottom. Returns how many columns, rows (headers included) and wrapped rows it takes;
    /// given <paramref name="columns"/>, it also builds them. The column search only counts, up to
    /// eight times, over each line's pieces worked out once per fragment and width.
    /// </summary>
    public static (int Columns, int Rows, int Continuations) Flow(LayoutSettings settings, IReadOnlyList<List<Cell[]>> cells, int chars, List<List<LaidOutRow>>? columns = null)
    {
        var limit = settings.Margin + settings.RowsPerColumn * settings.LineHeight + 0.01f;
        // Lowered empty lines let a column hold more rows than RowsPerColumn.
        var capacity = (int)(settings.RowsPerColumn * settings.LineHeight / settings.EmptyLineHeight) + 1;
        var (breaks, rows, continuations) = (0, 0, 0);
        var y = (float)settings.Margin;
        var any = false;
        List<LaidOutRow>? column = null;
        for (var f = 0; f < cells.Count; f++)
        {
            var lines = cells[f];
            var shape = ShapeOf(settings, lines, chars);
            var needHeader = true;
            for (var l = 0; l < lines.Count; l++)
            {
                var (pieces, empty) = shape[l];
                var height = empty ? settings.EmptyLineHeight : settings.LineHeight;
                var indent = columns is null ? 0 : CellLines.Indent(lines[l]);
                var start = 0;
                for (var piece = 0; piece < pieces; piece++)
                {
                    // A header never ends a column alone.
                    if (y + height + (needHeader ? settings.LineHeight : 0) > limit)
                    {
                        breaks++;
                        y = settings.Margin;
                        needHeader = true;
                        column = null;
                    }

                    if (columns is not null && column is null)
                    {
                        column = new List<LaidOutRow>(capacity);
                        columns.Add(column);
                    }

                    if (needHeader)
                    {
                        column?.Add(new LaidOutRow(RowKind.Header, f, l, 0, 0, null, y, settings.LineHeight));
                        rows++;
                        y += settings.LineHeight;
                        needHeader = false;
                    }

                    if (column is not null)
                    {
                        var end = PieceEnd(settings, start, lines[l], indent, chars);
                        column.Add(new LaidOutRow(piece == 0 ? RowKind.Line : RowKind.Continuation, f, l, start, end - start, null, y, height));
                        start = end;
                    }

                    rows++;
                    continuations += piece == 0 ? 0 : 1;
                    y += height;
                    any = true;
                }
            }
        }

        return (any ? breaks + 1 : breaks, rows, continuations);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<List<Cell[]>, Dictionary<(int Chars, float IndentScale), (int Pieces, bool Empty)[]>> Shapes = [];

    /// <summary>How many row pieces each line of a fragment takes at a width, and whether it is an empty line.</summary>
    private static (int Pieces, bool Empty)[] ShapeOf(LayoutSettings settings, List<Cell[]> lines, int chars)
    {
        var byWidth = Shapes.GetValue(lines, _ => []);
        lock (byWidth)
        {
            if (byWidth.TryGetValue((chars, settings.IndentScale), out var known))
            {
                return known;
            }
        }

        var shape = new (int Pieces, bool Empty)[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var indent = CellLines.Indent(line);
            var (pieces, start) = (0, 0);
            do
            {
                start = PieceEnd(settings, start, line, indent, chars);
                pieces++;
            }
            while (start < line.Length);
            shape[i] = (pieces, indent == line.Length);
        }

        lock (byWidth)
        {
            byWidth[(chars, settings.IndentScale)] = shape;
        }

        return shape;
    }

    /// <summary>
    /// End of the row piece starting at cell <paramref name="start"/>: as many cells as fit the
    /// column (narrow indentation included), at least one, moved back to a token boundary when the
    /// line goes on (<see cref="WrapPoints"/>).
    /// </summary>
    private static int PieceEnd(LayoutSettings settings, int start, Cell[] line, int indent, int chars) =>
        WrapPoints.Settle(line, start, EdgeEnd(settings, start, line.Length, indent, chars));

    /// <summary>End of the row piece starting at cell <paramref name="start"/> when it breaks at the column's edge.</summary>
    private static int EdgeEnd(LayoutSettings settings, int start, int length, int indent, int chars)
    {
        if (start >= indent || settings.IndentScale >= 1)
        {
            return Math.Min(length, start + chars);
        }

        // The offset is linear on each side of the indentation: solve for the end, then settle it on
        // the exact float comparison (walking cell by cell made every row cost its length).
        var from = settings.CellOffset(start, indent);
        var target = from + chars;
        var knee = indent * settings.IndentScale;
        var guess = target >= knee ? indent + (int)MathF.Floor(target - knee) : (int)MathF.Floor(target / settings.IndentScale);
        var end = Math.Clamp(guess, start + 1, Math.Max(start + 1, length));
        while (end < length && settings.CellOffset(end + 1, indent) - from <= chars)
        {
            end++;
        }

        while (end > start + 1 && settings.CellOffset(end, indent) - from > chars)
        {
            end--;
        }

        return Math.Min(end, length);
    }
}
