namespace CodeContext.VisionEncoder;

/// <summary>
/// Lays view outputs out as the decoder's image placeholder sequence. A view model's output is its
/// grid rows (q tokens + newline each) and then the separator, so a single-view mode uses it as is.
/// Gundam puts the tiles first as one big grid (rows of all tiles side by side, one newline per grid
/// row, taken from the tile output), then the global view's output, whose last token is the separator.
/// </summary>
internal static class PlaceholderSequence
{
    public static float[] Assemble(PreparedPage page, float[] global, IReadOnlyList<float[]> tiles, int tileSize, int dim)
    {
        if (page.Grid.Count == 0) return global;
        if (tiles.Count != page.Grid.Count)
            throw new InvalidOperationException($"{tiles.Count} tile outputs for a {page.Grid.Columns}x{page.Grid.Rows} grid");
        var q = VisionTokenFormula.TokensPerSide(tileSize);
        var rowLength = page.Grid.Columns * q + 1;
        var localTokens = page.Grid.Rows * q * rowLength;
        var result = new float[(localTokens * dim) + global.Length];
        var target = 0;
        for (var tileRow = 0; tileRow < page.Grid.Rows; tileRow++)
        {
            for (var r = 0; r < q; r++)
            {
                for (var tileColumn = 0; tileColumn < page.Grid.Columns; tileColumn++)
                {
                    var source = tiles[tileRow * page.Grid.Columns + tileColumn];
                    // Row r of a tile starts at token r * (q + 1): its q tokens, then its newline.
                    source.AsSpan(r * (q + 1) * dim, q * dim).CopyTo(result.AsSpan(target));
                    target += q * dim;
                }
                tiles[0].AsSpan(q * dim, dim).CopyTo(result.AsSpan(target)); // the learned newline
                target += dim;
            }
        }
        global.CopyTo(result.AsSpan(target));
        return result;
    }
}
