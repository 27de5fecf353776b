using CodeContext.Rendering.Costs;

namespace CodeContext.Rendering.Layout;

internal enum RowKind
{
    Header,
    Line,
    Continuation,
}

/// <summary>
/// One row of a column: a fragment header, the first piece of a line, or a wrapped piece, with its
/// top edge and height in pixels (empty lines may be lower than a full row).
/// </summary>
internal readonly record struct LaidOutRow(RowKind Kind, int Fragment, int Line, int CellStart, int CellCount, string? HeaderText, float Top, float Height);

/// <summary>A column's rows; <see cref="X"/> is its left edge and <see cref="Width"/> its width in pixels.</summary>
internal sealed record LaidOutColumn(int X, int Width, IReadOnlyList<LaidOutRow> Rows);

/// <summary>One page as laid out, before any pixel is drawn: enough to cost and plan it.</summary>
public sealed class LaidOutPage
{
    private readonly Lazy<int> _textTokens;

    internal LaidOutPage(int number, IReadOnlyList<LaidOutColumn> columns, IReadOnlyList<PageRegion> regions, Func<int> textTokens, VisionCost cost)
    {
        Number = number;
        Columns = columns;
        Regions = regions;
        // Counted on first use: the planner lays levels out many times and only needs page counts.
        _textTokens = new Lazy<int>(textTokens, LazyThreadSafetyMode.ExecutionAndPublication);
        Cost = cost;
    }

    public int Number { get; }
    internal IReadOnlyList<LaidOutColumn> Columns { get; }
    public IReadOnlyList<PageRegion> Regions { get; }

    /// <summary>Tokens of the source text this page carries, with the profile's tokenizer.</summary>
    public int TextTokens => _textTokens.Value;

    public VisionCost Cost { get; }

    /// <summary>Text tokens per vision token.</summary>
    public double Compression => Cost.Tokens == 0 ? 0 : TextTokens / (double)Cost.Tokens;
}

/// <summary>The layout of a set of fragments: the pages, the chosen column count and the cell grid.</summary>
public sealed class PageLayout
{
    internal PageLayout(LayoutSettings settings, IReadOnlyList<SourceFragment> fragments, IReadOnlyList<List<Cell[]>> cells, int columnsPerPage, int charsPerColumn, IReadOnlyList<LaidOutPage> pages)
    {
        Settings = settings;
        Fragments = fragments;
        Cells = cells;
        ColumnsPerPage = columnsPerPage;
        CharsPerColumn = charsPerColumn;
        Pages = pages;
    }

    public LayoutSettings Settings { get; }
    public IReadOnlyList<SourceFragment> Fragments { get; }
    internal IReadOnlyList<List<Cell[]>> Cells { get; }
    /// <summary>Most columns on any page.</summary>
    public int ColumnsPerPage { get; }

    /// <summary>Code characters per row of the widest column (gutter excluded).</summary>
    public int CharsPerColumn { get; }

    public IReadOnlyList<LaidOutPage> Pages { get; }
    public int VisionTokens => Pages.Sum(p => p.Cost.Tokens);
    public int TextTokens => Pages.Sum(p => p.TextTokens);
}
