namespace CodeContext.Rendering.Layout;

/// <summary>
/// Where a row that does not fit its column breaks: at the last token boundary that keeps the
/// piece at least <see cref="MinFill"/> of the column, else at the column's edge. A hard break at the
/// edge split identifiers and operators across rows (on a library's L2 pages about half the wrapped
/// rows began mid-name), and a reader, person or model, reads a name right only when it sees it
/// whole: the planner's fidelity assumes as much (planner.json <c>identifierCharacters</c>).
/// Measured on Newtonsoft.Json (docs/benchmarks.md): wraps inside a token fall from about 70 % to
/// at most 1.2 %, for 1-4 % of a level's compression (more where a level loses a column).
/// </summary>
internal static class WrapPoints
{
    /// <summary>A piece may end this far back from the edge to keep a token whole; shorter pieces break at the edge.</summary>
    private const double MinFill = 0.4;

    /// <summary>
    /// The end of a piece that starts at <paramref name="start"/> and would end at
    /// <paramref name="edge"/> if broken at the column's edge; the line goes on past the edge.
    /// </summary>
    public static int Settle(Cell[] line, int start, int edge)
    {
        if (edge >= line.Length || edge - start < 2)
        {
            return edge;
        }

        // The piece keeps at least one visible cell: a row of indentation alone says nothing.
        var text = start;
        while (text < edge && line[text].CodePoint == ' ')
        {
            text++;
        }

        var floor = Math.Max(text + 1, start + (int)Math.Ceiling((edge - start) * MinFill));
        for (var end = edge; end >= floor; end--)
        {
            if (CanBreak(line[end - 1].CodePoint, line[end].CodePoint))
            {
                return end;
            }
        }

        return edge;
    }

    /// <summary>
    /// A break between <paramref name="before"/> and <paramref name="after"/> keeps tokens whole:
    /// after a space, or between a word and punctuation (`Name(`, `,Next`, `).Call`), but never
    /// inside a name or inside an operator such as <c>=&gt;</c> or <c>??</c>.
    /// </summary>
    private static bool CanBreak(int before, int after)
    {
        if (before == ' ')
        {
            return after != ' ';
        }

        if (after == ' ')
        {
            return false;
        }

        var wordBefore = IsWord(before);
        var wordAfter = IsWord(after);
        if (wordBefore != wordAfter)
        {
            return true;
        }

        // Two punctuation marks: break only after a separator or an opening bracket, whose
        // meaning does not depend on what follows (`(`, `,`, `;`); never inside `=>`, `?.`, `::`.
        return !wordBefore && before is '(' or '[' or '{' or ',' or ';' && after is not ')' and not ']' and not '}';
    }

    /// <summary>Part of a name or number: letters and digits of any script, '_', '@' (verbatim identifiers), and characters beyond the BMP.</summary>
    internal static bool IsWord(int codePoint) =>
        codePoint == '_' || codePoint == '@' || (codePoint < 0x10000 ? char.IsLetterOrDigit((char)codePoint) : codePoint > 127);
}
