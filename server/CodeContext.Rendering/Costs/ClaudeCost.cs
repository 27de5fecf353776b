namespace CodeContext.Rendering.Costs;

/// <summary>
/// Anthropic Claude: about width*height/750 tokens after the image is shrunk (aspect kept) until
/// its long edge is within the cap and its area within the ~1600-token pixel budget.
/// </summary>
internal static class ClaudeCost
{
    public static VisionCost Compute(CostSpec spec, int width, int height)
    {
        var scale = Math.Min(1.0, spec.LongEdgeMax / (double)Math.Max(width, height));
        scale = Math.Min(scale, Math.Sqrt(spec.MaxPixels / ((double)width * height)));
        var w = Math.Max(1, (int)Math.Floor(width * scale));
        var h = Math.Max(1, (int)Math.Floor(height * scale));
        var tokens = (int)Math.Ceiling((double)w * h / spec.PixelsPerToken);
        var how = scale < 1.0 ? $"downscaled to {w}x{h}" : "native";
        return new VisionCost(tokens, w, h, w, h, 1, 1, $"{how}; {w}*{h}/{spec.PixelsPerToken} (Anthropic's approximation)");
    }
}
