namespace CodeContext.Rendering.Costs;

/// <summary>
/// GPT-4o-class "detail: high": fit inside the fit box, then shrink so the short side is at most
/// the short-side target, then a base price plus a price per started tile.
/// </summary>
internal static class OpenAiTileCost
{
    public static VisionCost Compute(CostSpec spec, int width, int height)
    {
        double w = width, h = height;
        var steps = new List<string>();
        if (w > spec.FitSize || h > spec.FitSize)
        {
            var s = spec.FitSize / Math.Max(w, h);
            w *= s;
            h *= s;
            steps.Add($"fit in {spec.FitSize}");
        }

        if (Math.Min(w, h) > spec.ShortSide)
        {
            var s = spec.ShortSide / Math.Min(w, h);
            w *= s;
            h *= s;
            steps.Add($"short side to {spec.ShortSide}");
        }

        // Resized sides are whole pixels; floor keeps an exact short side from tipping a tile count.
        var seenW = (int)Math.Floor(w + 1e-9);
        var seenH = (int)Math.Floor(h + 1e-9);
        var tilesW = (seenW + spec.TileSize - 1) / spec.TileSize;
        var tilesH = (seenH + spec.TileSize - 1) / spec.TileSize;
        var tokens = spec.BaseTokens + spec.TileTokens * tilesW * tilesH;
        var how = steps.Count == 0 ? "native" : string.Join(", ", steps);
        return new VisionCost(tokens, seenW, seenH, seenW, seenH, tilesW, tilesH, $"{how}; {tilesW}x{tilesH} tiles of {spec.TileSize}");
    }
}
