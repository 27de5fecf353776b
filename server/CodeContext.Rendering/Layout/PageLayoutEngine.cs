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


    public static PageLayout Layout(IReadOnlyList<SourceFragment> fragments, RenderRequest request) =>
        Layout(fragments, LayoutSettings.Resolve(request));

    public static PageLayout Layout(IReadOnlyList<SourceFragment> fragments, LayoutSettings settings)
    {
        var cells = fragments.Select(CellsOf).ToList();
        var maxLine = fragments.Count == 0 ? 1 : fragments.Max(f => f.EndLine);
        var gutterCells = settings.Gutter ? maxLine.ToString(CultureInfo.InvariantCulture).Length + 1 : 1;

        // Fewest pages first, then fewest wrapped rows (a short input keeps one wide column), then fewer columns.
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

            var (columnCount, rowCount, continuations) = Count(cells, Math.Max(1, chars), settings.RowsPerColumn);
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
        var rows = Flow(cells, charsPerColumn, settings.RowsPerColumn);
        var laidOut = Paginate(settings, fragments, cells, rows, columns, gutterCells);
        return new PageLayout(settings, fragments, cells, columns, charsPerColumn, laidOut);
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

    /// <summary>What <see cref="Flow"/> would produce (columns, rows, wrapped rows), without building it: the column search runs it up to eight times.</summary>
    private static (int Columns, int Rows, int Continuations) Count(IReadOnlyList<List<Cell[]>> cells, int chars, int rowsPerColumn)
    {
        var (columns, rows, continuations, inColumn) = (0, 0, 0, 0);
        for (var f = 0; f < cells.Count; f++)
        {
            var needHeader = true;
            foreach (var line in cells[f])
            {
                var pieces = Math.Max(1, (line.Length + chars - 1) / chars);
                continuations += pieces - 1;
                for (var piece = 0; piece < pieces; piece++)
                {
                    var full = needHeader ? rowsPerColumn - inColumn < 2 : inColumn == rowsPerColumn;
                    if (full)
                    {
                        columns++;
                        inColumn = 0;
                        needHeader = true;
                    }

                    if (needHeader)
                    {
                        inColumn++;
                        rows++;
                        needHeader = false;
                    }

                    inColumn++;
                    rows++;
                }
            }
        }

        return (inColumn > 0 ? columns + 1 : columns, rows, continuations);
    }

    /// <summary>Rows flowed into columns; a header opens every column a fragment starts or continues in.</summary>
    private static List<List<LaidOutRow>> Flow(IReadOnlyList<List<Cell[]>> cells, int chars, int rowsPerColumn)
    {
        var columns = new List<List<LaidOutRow>>();
        var column = new List<LaidOutRow>();
        for (var f = 0; f < cells.Count; f++)
        {
            var needHeader = true;
            for (var line = 0; line < cells[f].Count; line++)
            {
                var length = cells[f][line].Length;
                var pieces = Math.Max(1, (length + chars - 1) / chars);
                for (var piece = 0; piece < pieces; piece++)
                {
                    // A header never ends a column alone.
                    var full = needHeader ? rowsPerColumn - column.Count < 2 : column.Count == rowsPerColumn;
                    if (full)
                    {
                        columns.Add(column);
                        column = [];
                        needHeader = true;
                    }

                    if (needHeader)
                    {
                        column.Add(new LaidOutRow(RowKind.Header, f, line, 0, 0, null));
                        needHeader = false;
                    }

                    var start = piece * chars;
                    column.Add(new LaidOutRow(piece == 0 ? RowKind.Line : RowKind.Continuation, f, line, start, Math.Min(chars, length - start), null));
                }
            }
        }

        if (column.Count > 0)
        {
            columns.Add(column);
        }

        return columns;
    }

    private static List<LaidOutPage> Paginate(LayoutSettings settings, IReadOnlyList<SourceFragment> fragments, IReadOnlyList<List<Cell[]>> cells, List<List<LaidOutRow>> flow, int columnsPerPage, int gutterCells)
    {
        var cost = VisionCostCalculator.Compute(settings.Profile.Cost, settings.Width, settings.Height);
        var columnWidth = ColumnWidth(settings, columnsPerPage);
        var lineStarts = fragments.Select(LineStarts).ToList();
        var pages = new List<LaidOutPage>();
        for (var first = 0; first < flow.Count; first += columnsPerPage)
        {
            var columns = new List<LaidOutColumn>();
            var regions = new List<PageRegion>();
            var carried = new List<(int Fragment, int FirstLine, int LastLine)>();
            for (var c = 0; c < columnsPerPage && first + c < flow.Count; c++)
            {
                var x = settings.Margin + c * (columnWidth + settings.ColumnGap);
                var rows = flow[first + c];
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

                columns.Add(new LaidOutColumn(x, named));
            }

            pages.Add(new LaidOutPage(pages.Count + 1, columns, regions, () => carried.Sum(c => TokenizerCatalog.Get(settings.Profile.Tokenizer).CountTokens(SliceLines(fragments[c.Fragment].Text, lineStarts[c.Fragment], c.FirstLine, c.LastLine))), cost));
        }

        return pages;
    }

    private static PageRegion RegionOf(LayoutSettings settings, SourceFragment fragment, List<Cell[]> lines, List<LaidOutRow> rows, int from, int to, int x, int width, int gutterCells)
    {
        var top = (int)Math.Floor(settings.Margin + from * settings.LineHeight);
        var bottom = (int)Math.Ceiling(settings.Margin + to * settings.LineHeight);
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
