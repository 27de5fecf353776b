using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace RenderBench;

/// <summary>Pages, compression and wrapping per forced column count: the data behind the column rule.</summary>
internal static class Diagnostics
{
    public static int Columns(string folder, string profileId, string level)
    {
        var fragments = Corpus.Load(folder);
        var profile = ProfileCatalog.Get(profileId);
        Console.WriteLine("columns\tchars\tpages\tcompression\tcontinuationShare");
        for (var k = 1; k <= 8; k++)
        {
            var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = level, Columns = k });
            var rows = layout.Pages.Sum(p => p.Regions.Sum(r => r.Height)) / layout.Settings.LineHeight;
            var cont = layout.Pages.Sum(p => p.Regions.Sum(r => r.ContinuationRows));
            Console.WriteLine($"{k}\t{layout.CharsPerColumn}\t{layout.Pages.Count}\t{layout.TextTokens / (double)layout.VisionTokens:F2}\t{cont / rows:P1}");
        }

        var auto = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = level });
        Console.WriteLine($"auto: {auto.ColumnsPerPage} columns, {auto.Pages.Count} pages, {auto.TextTokens / (double)auto.VisionTokens:F2}x");
        return 0;
    }

    /// <summary>How much of a level's page area is ink: the numbers behind the page-fill lever.</summary>
    public static int Fill(string folder, string profileId, string level, bool gutter)
    {
        var fragments = Corpus.Load(folder);
        var profile = ProfileCatalog.Get(profileId);
        var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = level, Gutter = gutter });
        var s = layout.Settings;
        long header = 0, line = 0, cont = 0, blank = 0, ink = 0, indent = 0, used = 0;
        double height = 0;
        foreach (var page in layout.Pages)
        {
            foreach (var column in page.Columns)
            {
                foreach (var row in column.Rows)
                {
                    height += row.Height;
                    if (row.Kind == RowKind.Header)
                    {
                        header++;
                        continue;
                    }

                    if (row.Kind == RowKind.Continuation)
                    {
                        cont++;
                    }
                    else
                    {
                        line++;
                    }

                    var cells = layout.Cells[row.Fragment][row.Line];
                    if (cells.Length == 0)
                    {
                        blank++;
                    }

                    var leading = true;
                    for (var i = 0; i < row.CellCount; i++)
                    {
                        var cp = cells[row.CellStart + i].CodePoint;
                        if (cp != ' ')
                        {
                            ink++;
                            leading = false;
                        }
                        else if (leading && row.Kind == RowKind.Line)
                        {
                            indent++;
                        }
                    }

                    used += row.CellCount;
                }
            }
        }

        var pages = layout.Pages.Count;
        var rowsTotal = (long)pages * layout.ColumnsPerPage * s.RowsPerColumn;
        var emptyAtEnds = rowsTotal - height / s.LineHeight;
        var cellsTotal = (long)pages * s.Width / s.CellWidth * (s.Height / s.LineHeight);
        Console.WriteLine($"{profileId} {level} {s.FontSize}px cell {s.CellWidth:F2}x{s.LineHeight:F2} margin {s.Margin} gap {s.ColumnGap}: {pages} pages, {layout.ColumnsPerPage} columns x {layout.CharsPerColumn} chars x {s.RowsPerColumn} rows, {layout.TextTokens / (double)layout.VisionTokens:F2}x, {layout.TextTokens / (double)pages:F0} tokens/page");
        Console.WriteLine($"  rows: {rowsTotal} slots, {header} headers, {line} lines ({blank} blank), {cont} continuations, {emptyAtEnds:F0} row heights empty at column ends");
        Console.WriteLine($"  page cells {cellsTotal}: ink {ink} ({ink / (double)cellsTotal:P1}), leading indent {indent * s.IndentScale:F0} drawn ({indent * s.IndentScale / cellsTotal:P1}), other spaces {used - ink - indent} ({(used - ink - indent) / (double)cellsTotal:P1}), ink per token {ink / (double)layout.TextTokens:F2}");
        return 0;
    }

    /// <summary>
    /// Per level of a profile: pages, compression, the share of rows that are wrapped pieces, and
    /// the share of wraps that split a token (a name, a number or an operator broken across rows).
    /// </summary>
    public static int Wraps(string folder, string profileId)
    {
        var fragments = Corpus.Load(folder);
        var profile = ProfileCatalog.Get(profileId);
        Console.WriteLine("| level | columns x chars | pages | compression | lines that wrap | wrapped rows | wraps that split a token |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var level in profile.Levels.Keys.Order(StringComparer.Ordinal))
        {
            var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = level });
            long rows = 0, wraps = 0, split = 0, wrappedLines = 0;
            var wrapped = new HashSet<(int Fragment, int Line)>();
            foreach (var row in layout.Pages.SelectMany(p => p.Columns).SelectMany(c => c.Rows).Where(r => r.Kind != RowKind.Header))
            {
                rows++;
                if (row.Kind != RowKind.Continuation)
                {
                    continue;
                }

                wrappedLines += wrapped.Add((row.Fragment, row.Line)) ? 1 : 0;
                wraps++;
                var cells = layout.Cells[row.Fragment][row.Line];
                var (before, after) = (cells[row.CellStart - 1].CodePoint, cells[row.CellStart].CodePoint);
                var (wordBefore, wordAfter) = (WrapPoints.IsWord(before), WrapPoints.IsWord(after));
                split += (wordBefore && wordAfter) || (!wordBefore && !wordAfter && before != ' ' && after != ' ' && before is not ('(' or ',' or ';')) ? 1 : 0;
            }

            Console.WriteLine($"| {level} | {layout.ColumnsPerPage} x {layout.CharsPerColumn} | {layout.Pages.Count} | {layout.TextTokens / (double)layout.VisionTokens:F2}x | {wrappedLines / (double)(rows - wraps):P1} | {wraps / (double)rows:P1} | {(wraps == 0 ? 0 : split / (double)wraps):P1} |");
        }

        return 0;
    }
}
