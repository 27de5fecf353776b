using CodeContext.Rendering.Costs;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Rendering.Layout;

/// <summary>A column of a page: left edge and width in pixels, code cells per row, its rows.</summary>
internal sealed record ColumnPlan(int X, int Width, int Chars, List<LaidOutRow> Rows);

/// <summary>
/// Turns the flowed columns into pages: each column's fragment headers named with the lines they
/// carry, a region per header (where a file's lines lie on the page, which glyphs the fonts lack,
/// how many rows wrapped), the text tokens a page carries and its vision cost.
/// </summary>
internal static class PagePaginator
{
    public static List<LaidOutPage> Paginate(LayoutSettings settings, IReadOnlyList<SourceFragment> fragments, IReadOnlyList<List<Cell[]>> cells, List<List<ColumnPlan>> plans, int gutterCells)
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
