namespace CodeContext.Rendering.Costs;

/// <summary>
/// DeepSeek-OCR's dynamic tiling (Gundam): which grid of local tiles a page is cut into. Shared by
/// the token accounting here and the encoder's pre-processing, so both always agree.
/// </summary>
public static class GundamGrid
{
    /// <summary>
    /// The tile grid whose aspect ratio is closest to the image's, candidates in increasing tile
    /// count; on a tie a larger grid wins only when the image has more than half its pixels.
    /// </summary>
    public static (int W, int H) Closest(int width, int height, int tileSize, int minTiles, int maxTiles)
    {
        var candidates = new List<(int W, int H)>();
        for (var w = 1; w <= maxTiles; w++)
        {
            for (var h = 1; h <= maxTiles; h++)
            {
                var n = w * h;
                if (n >= minTiles && n <= maxTiles)
                {
                    candidates.Add((w, h));
                }
            }
        }

        candidates.Sort((a, b) => (a.W * a.H).CompareTo(b.W * b.H) is var c && c != 0 ? c : a.W.CompareTo(b.W));
        var aspect = width / (double)height;
        var area = (double)width * height;
        var best = (W: 1, H: 1);
        var bestDiff = double.PositiveInfinity;
        foreach (var grid in candidates)
        {
            var diff = Math.Abs(aspect - grid.W / (double)grid.H);
            if (diff < bestDiff)
            {
                bestDiff = diff;
                best = grid;
            }
            else if (diff == bestDiff && area > 0.5 * tileSize * tileSize * grid.W * grid.H)
            {
                best = grid;
            }
        }

        return best;
    }
}
