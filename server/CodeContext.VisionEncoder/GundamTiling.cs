using CodeContext.Rendering.Costs;

namespace CodeContext.VisionEncoder;

/// <summary>A grid of local tiles: <see cref="Columns"/> across, <see cref="Rows"/> down (none: 0 x 0).</summary>
public readonly record struct TileGrid(int Columns, int Rows)
{
    public static TileGrid None => new(0, 0);

    public int Count => Columns * Rows;
}

/// <summary>
/// Gundam's dynamic tiling for the encoder: a page that fits one tile is not tiled; otherwise the
/// grid the token accounting chooses (<see cref="GundamGrid"/>), so the two cannot disagree.
/// </summary>
public static class GundamTiling
{
    public static TileGrid Choose(DeepSeekOcrMode mode, int width, int height)
    {
        if (!mode.Tiles) return TileGrid.None;
        if (width <= mode.TileSize && height <= mode.TileSize) return TileGrid.None;
        var (columns, rows) = GundamGrid.Closest(width, height, mode.TileSize, mode.MinTiles, mode.MaxTiles);
        return new TileGrid(columns, rows);
    }
}
