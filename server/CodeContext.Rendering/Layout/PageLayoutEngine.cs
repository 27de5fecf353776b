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

            var (columnCount, rowCount, continuations) = Flow(settings, cells, Math.Max(1, chars));
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
        var rows = new List<List<LaidOutRow>>();
        Flow(settings, cells, charsPerColumn, rows);
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
        var expected = fragment.LineCount;
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

    /// <summary>
    /// The flow of rows into equal columns <paramref name="chars"/> cells wide: a header opens every
    /// column a fragment starts or continues in, a row goes to the next column when it would pass
    /// the bottom. Returns how many columns, rows (headers included) and wrapped rows it takes;
    /// given <paramref name="columns"/>, it also builds them. The column search only counts, up to
    /// eight times, over each line's pieces worked out once per fragment and width.
    /// </summary>
    private static (int Columns, int Rows, int Continuations) Flow(LayoutSettings settings, IReadOnlyList<List<Cell[]>> cells, int chars, List<List<LaidOutRow>>? columns = null)
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

    private static List<LaidOutPage> Paginate(LayoutSettings settings, IReadOnlyList<SourceFragment> fragments, IReadOnlyList<List<Cell[]>> cells, List<List<ColumnPlan>> plans, int gutterCells)
    {
        var cost = VisionCostCalculator.Compute(settings.Profile.Cost, settings.Width, settings.Height);
        var carriedText = new CarriedTextTokens(TokenizerCatalog.Get(settings.Profile.Tokenizer), fragments, cells);
        var pages = new List<LaidOutPage>();
        foreach (var plan in plans)
        {
            var columns = new List<LaidOutColumn>();
            var regions = new List<PageRegion>();
            var carried = new List<CarriedLines>();
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
                    named.Add(rows[r] with { HeaderText = $"{fragment.RelativePath}:{fragment.LineAt(firstLine)}-{fragment.LineAt(lastLine)}" });
                    var region = RegionOf(settings, fragment, cells[rows[r].Fragment], rows, r + 1, end, x, columnWidth, gutterCells);
                    regions.Add(region);
                    carried.Add(new CarriedLines(rows[r].Fragment, firstLine, rows[r + 1].CellStart, lastLine, rows[end - 1].CellStart + rows[end - 1].CellCount));
                }

                columns.Add(new LaidOutColumn(x, columnWidth, named));
            }

            pages.Add(new LaidOutPage(pages.Count + 1, columns, regions, () => carried.Sum(carriedText.Count), cost));
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

        return new PageRegion(fragment.RelativePath, fragment.LineAt(rows[from].Line), fragment.LineAt(rows[to - 1].Line), x, top, width, bottom - top)
        {
            TextX = x + (int)Math.Round(gutterCells * settings.CellWidth),
            MissingGlyphs = missing,
            ContinuationRows = wrapped,
        };
    }
}
