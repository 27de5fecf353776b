using System.Globalization;

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
        var pages = Columns(settings, cells, gutterCells);
        var laidOut = PagePaginator.Paginate(settings, fragments, cells, pages, gutterCells);
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

            var (columnCount, rowCount, continuations) = RowFlow.Flow(settings, cells, Math.Max(1, chars));
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
        RowFlow.Flow(settings, cells, charsPerColumn, rows);
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

}
