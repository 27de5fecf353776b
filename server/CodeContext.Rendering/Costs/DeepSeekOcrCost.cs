namespace CodeContext.Rendering.Costs;

/// <summary>
/// DeepSeek-OCR's image-token count as its inference code builds the prompt: a global view of
/// q x (q+1) tokens (one newline per row), local 640-tiles when cropping applies, and one view
/// separator. Tiny/Small stretch the page to the square; Base/Large/Gundam pad it (aspect kept).
/// </summary>
internal static class DeepSeekOcrCost
{
    private const int LocalTileSide = 640;

    public static VisionCost Compute(CostSpec spec, int width, int height)
    {
        var q = QueriesPerSide(spec, spec.BaseSize);
        var tokens = q * (q + 1) + 1;
        var (contentW, contentH, how) = GlobalView(spec.BaseSize, width, height);

        if (!spec.Crop || (width <= LocalTileSide && height <= LocalTileSide))
        {
            var note = spec.Crop ? $"not tiled (both sides <= {LocalTileSide}); global view {how}" : $"single view {how}";
            return new VisionCost(tokens, spec.BaseSize, spec.BaseSize, contentW, contentH, 1, 1, note);
        }

        var (nw, nh) = GundamGrid.Closest(width, height, spec.ImageSize, spec.MinTiles, spec.MaxTiles);
        var localQ = QueriesPerSide(spec, spec.ImageSize);
        if (nw > 1 || nh > 1)
        {
            tokens += nh * localQ * (nw * localQ + 1);
        }

        return new VisionCost(
            tokens, spec.BaseSize, spec.BaseSize, contentW, contentH, nw, nh,
            $"{nw}x{nh} tiles of {spec.ImageSize} (page stretched to {nw * spec.ImageSize}x{nh * spec.ImageSize}) + global view {how}");
    }

    private static int QueriesPerSide(CostSpec spec, int side) =>
        (int)Math.Ceiling(side / spec.PatchSize / (double)spec.DownsampleRatio);

    private static (int W, int H, string How) GlobalView(int baseSize, int width, int height)
    {
        // The released code resizes straight to the square below 640 and pads above it.
        if (baseSize <= LocalTileSide)
        {
            var how = width == baseSize && height == baseSize ? $"{baseSize}x{baseSize} native" : $"stretched to {baseSize}x{baseSize}";
            return (baseSize, baseSize, how);
        }

        var scale = Math.Min(baseSize / (double)width, baseSize / (double)height);
        var w = (int)Math.Round(width * scale);
        var h = (int)Math.Round(height * scale);
        var desc = w == baseSize && h == baseSize
            ? (width == baseSize ? $"{baseSize}x{baseSize} native" : $"resized to {baseSize}x{baseSize}")
            : $"padded to {baseSize}x{baseSize} (content {w}x{h})";
        return (w, h, desc);
    }
}
