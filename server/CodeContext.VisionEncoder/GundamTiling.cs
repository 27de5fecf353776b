namespace CodeContext.VisionEncoder;

/// <summary>A grid of local tiles: <see cref="Columns"/> across, <see cref="Rows"/> down (none: 0 x 0).</summary>
public readonly record struct TileGrid(int Columns, int Rows)
{
    public static TileGrid None => new(0, 0);

    public int Count => Columns * Rows;
}

/// <summary>
/// Gundam's dynamic tiling: a page that fits one tile is not tiled; otherwise the grid with
/// minTiles..maxTiles tiles whose aspect ratio is closest to the page's wins (ties go to the larger
/// grid when the page has enough pixels to fill more than half of it).
/// </summary>
public static class GundamTiling
{
    public static TileGrid Choose(DeepSeekOcrMode mode, int width, int height)
    {
        if (!mode.Tiles) return TileGrid.None;
        if (width <= mode.TileSize && height <= mode.TileSize) return TileGrid.None;
        var aspect = (double)width / height;
        var area = (double)width * height;
        var best = new TileGrid(1, 1);
        var bestDiff = double.MaxValue;
        foreach (var grid in Candidates(mode.MinTiles, mode.MaxTiles))
        {
            var diff = Math.Abs(aspect - (double)grid.Columns / grid.Rows);
            if (diff < bestDiff)
            {
                bestDiff = diff;
                best = grid;
            }
            else if (diff == bestDiff && area > 0.5 * mode.TileSize * mode.TileSize * grid.Count)
            {
                best = grid;
            }
        }
        return best;
    }

    /// <summary>Every grid with an allowed tile count, fewest tiles first, then by columns.</summary>
    internal static IEnumerable<TileGrid> Candidates(int minTiles, int maxTiles) =>
        from columns in Enumerable.Range(1, maxTiles)
        from rows in Enumerable.Range(1, maxTiles)
        let count = columns * rows
        where count >= minTiles && count <= maxTiles
        orderby count, columns
        select new TileGrid(columns, rows);
}
