using System.Collections.Concurrent;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Rendering.Layout;

/// <summary>
/// The lines of one fragment a page region carries: whole lines between, and where a long line is
/// wrapped across pages, only the cells of it this page shows (<paramref name="FirstCell"/> of the
/// first line up to <paramref name="EndCell"/> of the last).
/// </summary>
internal readonly record struct CarriedLines(int Fragment, int FirstLine, int FirstCell, int LastLine, int EndCell);

/// <summary>
/// Tokens of the source text a page carries. A line wrapped over several pages counts on each
/// page by its share of cells, and the shares add up to the line's tokens exactly: counting the
/// whole line on every page made a 517 KB one-line file weigh 28 times its tokens.
/// </summary>
internal sealed class CarriedTextTokens
{
    private readonly ITextTokenizer _tokenizer;
    private readonly IReadOnlyList<SourceFragment> _fragments;
    private readonly IReadOnlyList<List<Cell[]>> _cells;
    private readonly int[][] _lineStarts;
    private readonly ConcurrentDictionary<(int Fragment, int Line), int> _lineTokens = new();

    public CarriedTextTokens(ITextTokenizer tokenizer, IReadOnlyList<SourceFragment> fragments, IReadOnlyList<List<Cell[]>> cells)
    {
        _tokenizer = tokenizer;
        _fragments = fragments;
        _cells = cells;
        _lineStarts = [.. fragments.Select(LineStarts)];
    }

    public int Count(CarriedLines carried)
    {
        var (fragment, first, firstCell, last, endCell) = carried;
        var firstLength = _cells[fragment][first].Length;
        var lastLength = _cells[fragment][last].Length;
        if (first == last)
            return firstCell == 0 && endCell >= lastLength ? Whole(fragment, first, last) : Share(fragment, first, firstCell, endCell);
        var wholeFrom = firstCell == 0 ? first : first + 1;
        var wholeTo = endCell >= lastLength ? last : last - 1;
        var tokens = wholeFrom <= wholeTo ? Whole(fragment, wholeFrom, wholeTo) : 0;
        if (firstCell > 0) tokens += Share(fragment, first, firstCell, firstLength);
        if (endCell < lastLength) tokens += Share(fragment, last, 0, endCell);
        return tokens;
    }

    private int Whole(int fragment, int firstLine, int lastLine) =>
        _tokenizer.CountTokens(SliceLines(_fragments[fragment].Text, _lineStarts[fragment], firstLine, lastLine));

    /// <summary>The line's tokens times the share of its cells in [from, to), rounded so that consecutive shares add up to the whole.</summary>
    private int Share(int fragment, int line, int from, int to)
    {
        var length = _cells[fragment][line].Length;
        if (length == 0) return 0;
        var total = _lineTokens.GetOrAdd((fragment, line), key => Whole(key.Fragment, key.Line, key.Line));
        return Scaled(total, Math.Min(to, length), length) - Scaled(total, from, length);
    }

    private static int Scaled(int total, int cell, int length) => (int)Math.Round((long)total * cell / (double)length, MidpointRounding.AwayFromZero);

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
