namespace CodeContext.Rendering.Layout;

/// <summary>
/// Which source lines occupy which rectangle of a page (pixels, origin top-left). Lines are 1-based
/// and inclusive. <see cref="MissingGlyphs"/> lists characters no bundled font has, drawn as boxes.
/// </summary>
public sealed record PageRegion(string Path, int StartLine, int EndLine, int X, int Y, int Width, int Height)
{
    /// <summary>X where code text starts (right of the gutter).</summary>
    public int TextX { get; init; }

    /// <summary>Code points shown as replacement boxes, as U+XXXX, distinct, in order of appearance.</summary>
    public IReadOnlyList<string> MissingGlyphs { get; init; } = [];

    /// <summary>Rows holding the wrapped rest of a long line (each marked visibly on the page).</summary>
    public int ContinuationRows { get; init; }
}
