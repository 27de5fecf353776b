namespace CodeContext.VisionEncoder;

/// <summary>
/// What a page costs in the decoder's prompt, exactly as DeepSeek-OCR's inference code counts it:
/// per side q = ceil((size / 16) / 4); a view is q rows of q tokens plus one newline each; Gundam
/// adds its tiles as one grid of (rows * q_tile) x (columns * q_tile + 1); one view separator ends it.
/// </summary>
public static class VisionTokenFormula
{
    public static int TokensPerSide(int imageSize) =>
        (int)Math.Ceiling(imageSize / DeepSeekOcrModes.PatchSize / 4.0);

    public static int GlobalTokens(int imageSize)
    {
        var q = TokensPerSide(imageSize);
        return q * (q + 1);
    }

    public static int LocalTokens(TileGrid grid, int tileSize)
    {
        if (grid.Count == 0) return 0;
        var q = TokensPerSide(tileSize);
        return grid.Rows * q * (grid.Columns * q + 1);
    }

    public static int Total(DeepSeekOcrMode mode, TileGrid grid) =>
        GlobalTokens(mode.ImageSize) + LocalTokens(grid, mode.TileSize) + 1;

    /// <summary>The cost of a page of the given size in the given mode.</summary>
    public static int ForPage(DeepSeekOcrMode mode, int width, int height) =>
        Total(mode, GundamTiling.Choose(mode, width, height));
}
