using System.Globalization;
using CodeContext.Rendering.Costs;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Rendering.Layout;

/// <summary>
/// Lays fragments out on pages without drawing: picks the column count that needs the fewest
/// pages, flows rows (fragment headers, lines, wrapped pieces) down columns, and derives each
/// page's region map, text tokens and vision cost. The planner calls this to price options cheaply.
/// </summary>
public static class PageLayoutEngine
{
    private const int MaxColumns = 8;
    private const int MinCharsPerColumn = 24;

    /// <summary>A column of a page: left edge and width in pixels, code cells per row, its rows.</summary>
    private sealed record ColumnPlan(int X, int Width, int Chars, List<LaidOutRow> Rows);

    public static PageLayout Layout(IReadOnlyList<SourceFragment> fragments, RenderRequest request) =>
        Layout(fragments, LayoutSettings.Resolve(request));

    public static PageLayout Layout(IReadOnlyList<SourceFragment> fragments, LayoutSettings settings)
    {
        var cells = fragments.Select(CellsOf).ToList();
        var maxLine = fragments.Count == 0 ? 1 : fragments.Max(f => f.EndLine);
        var gutterCells = settings.Gutter ? maxLine.ToString(CultureInfo.InvariantCulture).Length + 1 : 1;
        var pages = Columns(settings, cells, gutterCells);
        var laidOut = Paginate(settings, fragments, cells, pages, gutterCells);
        var columns = pages.Count == 0 ? 1 : pages.Max(p => p.Count);
        var chars = pages.Count == 0 ? 1 : pages.SelectMany(p => p).Max(c => c.Chars);
        return new PageLayout(settings, fragments, cells, columns, chars, laidOut);
    }

    /// <summary>
    /// Equal columns on every page: the count that needs the fewest pages, then the fewest wrapped
    /// rows (a short input keeps one wide column), then fewer columns. (Counts chosen page by page
    /// carried no more text at the same share of wrapped rows: docs/benchmarks.md.)
    /// </summary>
    private static List<List<ColumnPlan>> Columns(LayoutSettings settings, IReadOnlyList<List<Cell[]>> cells, int gutterCells)
    {
        (int Columns, int Chars)? best = null;
        var bestScore = (Pages: int.MaxValue, Continuations: int.MaxValue);
        var (fromK, toK) = settings.Columns is { } forced ? (forced, forced) : (1, MaxColumns);
        for (var k = fromK; k <= toK; k++)
        {
            var chars = CharsPerColumn(settings, k) - gutterCells;
            if (chars < MinCharsPerColumn && k > fromK)
            {
                break;
            }

            var (columnCount, rowCount, continuations) = Count(settings, cells, Math.Max(1, chars));
            var pages = (columnCount + k - 1) / k;
            // Wrapped rows read back worse than whole ones: more columns only while the level's wrap share holds.
            var readable = k == fromK || continuations <= settings.Level.MaxWrapShare * rowCount;
            if (readable && (pages, continuations).CompareTo(bestScore) < 0)
            {
                bestScore = (pages, continuations);
                best = (k, Math.Max(1, chars));
            }
        }

        var (columns, charsPerColumn) = best!.Value;
        var rows = Flow(settings, cells, charsPerColumn);
        var width = ColumnWidth(settings, columns);
        return [.. rows.Chunk(columns).Select(page => page.Select((column, c) => new ColumnPlan(settings.Margin + c * (width + settings.ColumnGap), width, charsPerColumn, column)).ToList())];
    }

    internal static int ColumnWidth(LayoutSettings settings, int columns) =>
        (settings.Width - 2 * settings.Margin - (columns - 1) * settings.ColumnGap) / columns;

    private static int CharsPerColumn(LayoutSettings settings, int columns) =>
        (int)Math.Floor(ColumnWidth(settings, columns) / settings.CellWidth);

    // The planner lays the same fragments out many times while it settles a plan.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SourceFragment, List<Cell[]>> CellCache = [];

    private static List<Cell[]> CellsOf(SourceFragment fragment) => CellCache.GetValue(fragment, BuildCells);

    private static List<Cell[]> BuildCells(SourceFragment fragment)
    {
        var expected = fragment.EndLine - fragment.StartLine + 1;
        var lines = CellLines.Build(fragment);
        if (lines.Count == expected + 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (fragment.StartLine < 1 || lines.Count != expected)
        {
            throw new ArgumentException($"{fragment.RelativePath}: lines {fragment.StartLine}-{fragment.EndLine} but the text has {lines.Count} lines", nameof(fragment));
        }

        return lines;
    }

    /// <summary>Where the flow of rows stands: a fragment, a line in it and the first cell not yet placed.</summary>
    private readonly record struct Cursor(int Fragment, int Line, int Cell);

    private static Cursor Start(IReadOnlyList<List<Cell[]>> cells) => Skip(cells, new Cursor(0, 0, 0));

    /// <summary>Moves past fragments without lines, so a cursor inside the input always has a line to place.</summary>
    private static Cursor Skip(IReadOnlyList<List<Cell[]>> cells, Cursor at)
    {
        while (at.Fragment < cells.Count && at.Line >= cells[at.Fragment].Count)
        {
            at = new Cursor(at.Fragment + 1, 0, 0);
        }

        return at;
    }

    /// <summary>Rows flowed into equal columns; a header opens every column a fragment starts or continues in.</summary>
    private static List<List<LaidOutRow>> Flow(LayoutSettings settings, IReadOnlyList<List<Cell[]>> cells, int chars)
    {
        var columns = new List<List<LaidOutRow>>();
        var at = Start(cells);
        while (at.Fragment < cells.Count)
        {
            // Lowered empty lines let a column hold more rows than RowsPerColumn.
            var rows = new List<LaidOutRow>((int)(settings.RowsPerColumn * settings.LineHeight / settings.EmptyLineHeight) + 1);
            FillColumn(settings, cells, ref at, chars, rows);
            columns.Add(rows);
        }

        return columns;
    }

    /// <summary>What <see cref="Flow"/> would produce (columns, rows, wrapped rows), without building it: the column search runs it up to eight times.</summary>
    private static (int Columns, int Rows, int Continuations) Count(LayoutSettings settings, IReadOnlyList<List<Cell[]>> cells, int chars)
    {
        // The same flow as FillColumn, row for row, but over each line's pieces worked out once per
        // fragment and width: the column search and the planner ask for the same counts many times.
        var limit = settings.Margin + settings.RowsPerColumn * settings.LineHeight + 0.01f;
        var (columns, rows, continuations) = (0, 0, 0);
        var y = (float)settings.Margin;
        var any = false;
        foreach (var fragment in cells)
        {
            if (fragment.Count == 0)
            {
                continue;
            }

            var needHeader = true;
            foreach (var (pieces, empty) in ShapeOf(settings, fragment, chars))
            {
                var height = empty ? settings.EmptyLineHeight : settings.LineHeight;
                for (var piece = 0; piece < pieces; piece++)
                {
                    if (y + height + (needHeader ? settings.LineHeight : 0) > limit)
                    {
                        columns++;
                        y = settings.Margin;
                        needHeader = true;
                    }

                    if (needHeader)
                    {
                        rows++;
                        y += settings.LineHeight;
                        needHeader = false;
                    }

                    rows++;
                    continuations += piece == 0 ? 0 : 1;
                    y += height;
                    any = true;
                }
            }
        }

        return (any ? columns + 1 : columns, rows, continuations);
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
                start = PieceEnd(settings, start, line.Length, indent, chars);
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
    /// One column's rows from <paramref name="at"/> on, <paramref name="chars"/> cells wide, added to
    /// <paramref name="sink"/> when given; advances the cursor and returns the counts of rows (headers
    /// included) and of wrapped rows.
    /// </summary>
    private static (int Rows, int Continuations) FillColumn(LayoutSettings settings, IReadOnlyList<List<Cell[]>> cells, ref Cursor at, int chars, List<LaidOutRow>? sink)
    {
        var (count, continuations) = (0, 0);
        var needHeader = true;
        var y = (float)settings.Margin;
        var limit = settings.Margin + settings.RowsPerColumn * settings.LineHeight + 0.01f;
        while (at.Fragment < cells.Count)
        {
            var line = cells[at.Fragment][at.Line];
            var indent = CellLines.Indent(line);
            var height = indent == line.Length ? settings.EmptyLineHeight : settings.LineHeight;

            // A header never ends a column alone.
            if (y + height + (needHeader ? settings.LineHeight : 0) > limit)
            {
                break;
            }

            if (needHeader)
            {
                sink?.Add(new LaidOutRow(RowKind.Header, at.Fragment, at.Line, 0, 0, null, y, settings.LineHeight));
                count++;
                y += settings.LineHeight;
                needHeader = false;
            }

            var end = PieceEnd(settings, at.Cell, line.Length, indent, chars);
            sink?.Add(new LaidOutRow(at.Cell == 0 ? RowKind.Line : RowKind.Continuation, at.Fragment, at.Line, at.Cell, end - at.Cell, null, y, height));
            count++;
            continuations += at.Cell == 0 ? 0 : 1;
            y += height;
            if (end < line.Length)
            {
                at = at with { Cell = end };
                continue;
            }

            var next = Skip(cells, new Cursor(at.Fragment, at.Line + 1, 0));
            needHeader = next.Fragment != at.Fragment;
            at = next;
        }

        return (count, continuations);
    }

    /// <summary>End of the row piece starting at cell <paramref name="start"/>: as many cells as fit the column (narrow indentation included), at least one.</summary>
    private static int PieceEnd(LayoutSettings settings, int start, int length, int indent, int chars)
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

    private static List<LaidOutPage> Paginate(LayoutSettings settings, IReadOnlyList<SourceFragment> fragments, IReadOnlyList<List<Cell[]>> cells, List<List<ColumnPlan>> plans, int gutterCells)
    {
        var cost = VisionCostCalculator.Compute(settings.Profile.Cost, settings.Width, settings.Height);
        var lineStarts = fragments.Select(LineStarts).ToList();
        var pages = new List<LaidOutPage>();
        foreach (var plan in plans)
        {
            var columns = new List<LaidOutColumn>();
            var regions = new List<PageRegion>();
            var carried = new List<(int Fragment, int FirstLine, int LastLine)>();
            foreach (var (x, columnWidth, _, rows) in plan)
            {
                var named = new List<LaidOutRow>(rows.Count);
                for (var r = 0; r < rows.Count; r++)
                {
                    if (rows[r].Kind != RowKind.Header)
                    {
                        named.Add(rows[r]);
                        continue;
                    }

                    var end = r + 1;
                    while (end < rows.Count && rows[end].Kind != RowKind.Header)
                    {
                        end++;
                    }

                    var fragment = fragments[rows[r].Fragment];
                    var firstLine = rows[r + 1].Line;
                    var lastLine = rows[end - 1].Line;
                    named.Add(rows[r] with { HeaderText = $"{fragment.RelativePath}:{fragment.StartLine + firstLine}-{fragment.StartLine + lastLine}" });
                    var region = RegionOf(settings, fragment, cells[rows[r].Fragment], rows, r + 1, end, x, columnWidth, gutterCells);
                    regions.Add(region);
                    carried.Add((rows[r].Fragment, firstLine, lastLine));
                }

                columns.Add(new LaidOutColumn(x, columnWidth, named));
            }

            pages.Add(new LaidOutPage(pages.Count + 1, columns, regions, () => carried.Sum(c => TokenizerCatalog.Get(settings.Profile.Tokenizer).CountTokens(SliceLines(fragments[c.Fragment].Text, lineStarts[c.Fragment], c.FirstLine, c.LastLine))), cost));
        }

        return pages;
    }

    private static PageRegion RegionOf(LayoutSettings settings, SourceFragment fragment, List<Cell[]> lines, List<LaidOutRow> rows, int from, int to, int x, int width, int gutterCells)
    {
        var top = (int)Math.Floor(rows[from].Top);
        var bottom = (int)Math.Ceiling(rows[to - 1].Top + rows[to - 1].Height);
        var missing = new List<string>();
        var wrapped = 0;
        for (var r = from; r < to; r++)
        {
            if (rows[r].Kind == RowKind.Continuation)
            {
                wrapped++;
                continue;
            }

            foreach (var cell in lines[rows[r].Line])
            {
                if (cell.CodePoint >= 128 && settings.Glyphs.Resolve(cell.CodePoint).Face == GlyphResolver.Missing)
                {
                    var name = $"U+{cell.CodePoint:X4}";
                    if (!missing.Contains(name))
                    {
                        missing.Add(name);
                    }
                }
            }
        }

        return new PageRegion(fragment.RelativePath, fragment.StartLine + rows[from].Line, fragment.StartLine + rows[to - 1].Line, x, top, width, bottom - top)
        {
            TextX = x + (int)Math.Round(gutterCells * settings.CellWidth),
            MissingGlyphs = missing,
            ContinuationRows = wrapped,
        };
    }

    private static int[] LineStarts(SourceFragment fragment)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < fragment.Text.Length; i++)
        {
            if (fragment.Text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static string SliceLines(string text, int[] starts, int firstLine, int lastLine)
    {
        var from = starts[firstLine];
        var to = lastLine + 1 < starts.Length ? starts[lastLine + 1] - 1 : text.Length;
        return text[from..Math.Max(from, to)];
    }
}
