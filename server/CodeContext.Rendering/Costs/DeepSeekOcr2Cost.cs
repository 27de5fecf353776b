namespace CodeContext.Rendering.Costs;

/// <summary>
/// DeepSeek-OCR 2's image-token count as its processor (DeepseekOCR2Processor.tokenize_with_images)
/// builds the prompt: the global view padded to base_size gives q*q tokens (no newline tokens:
/// DeepEncoder V2's causal queries replace the 2D rows), one view separator, and, when either side
/// exceeds the crop size, q'*q' tokens per local crop of the closest grid.
/// </summary>
internal static class DeepSeekOcr2Cost
{
    public static VisionCost Compute(CostSpec spec, int width, int height)
    {
        var q = QueriesPerSide(spec, spec.BaseSize);
        var tokens = q * q + 1;
        var scale = Math.Min(spec.BaseSize / (double)width, spec.BaseSize / (double)height);
        var (contentW, contentH) = ((int)Math.Round(width * scale), (int)Math.Round(height * scale));
        var global = contentW == spec.BaseSize && contentH == spec.BaseSize ? $"resized to {spec.BaseSize}x{spec.BaseSize}" : $"padded to {spec.BaseSize}x{spec.BaseSize} (content {contentW}x{contentH})";
        if (!spec.Crop || (width <= spec.ImageSize && height <= spec.ImageSize))
        {
            return new VisionCost(tokens, spec.BaseSize, spec.BaseSize, contentW, contentH, 1, 1, $"not cropped (both sides <= {spec.ImageSize}); global view {global}");
        }

        // The same closest-aspect grid search as DeepSeek-OCR's dynamic_preprocess, on 768 crops.
        var (nw, nh) = GundamGrid.Closest(width, height, spec.ImageSize, spec.MinTiles, spec.MaxTiles);
        var localQ = QueriesPerSide(spec, spec.ImageSize);
        if (nw > 1 || nh > 1)
        {
            tokens += localQ * nw * localQ * nh;
        }

        return new VisionCost(
            tokens, spec.BaseSize, spec.BaseSize, contentW, contentH, nw, nh,
            $"{nw}x{nh} crops of {spec.ImageSize} (page stretched to {nw * spec.ImageSize}x{nh * spec.ImageSize}) + global view {global}");
    }

    // ceil((side // patch) / downsample), integer division first, as the processor computes it.
    private static int QueriesPerSide(CostSpec spec, int side) =>
        (int)Math.Ceiling(side / spec.PatchSize / (double)spec.DownsampleRatio);
}
