namespace CodeContext.Rendering.Costs;

/// <summary>
/// Qwen2/2.5-VL: the processor's smart_resize rounds each side to a multiple of 28 (Python's
/// round, half to even), then rescales into [min_pixels, max_pixels]; one token per 28x28 block,
/// plus the vision start/end tokens.
/// </summary>
internal static class QwenVlCost
{
    public static VisionCost Compute(CostSpec spec, int width, int height)
    {
        if (Math.Max(width, height) > 200.0 * Math.Min(width, height))
        {
            throw new CodeContext.Core.UserError($"Qwen-VL rejects images with an aspect ratio over 200, got {width}x{height}");
        }

        var f = spec.Factor;
        var h = Math.Max(f, (int)Math.Round(height / (double)f, MidpointRounding.ToEven) * f);
        var w = Math.Max(f, (int)Math.Round(width / (double)f, MidpointRounding.ToEven) * f);
        var note = "rounded to multiples of " + f;
        if ((long)h * w > spec.MaxPixels)
        {
            var beta = Math.Sqrt((double)height * width / spec.MaxPixels);
            h = Math.Max(f, (int)Math.Floor(height / beta / f) * f);
            w = Math.Max(f, (int)Math.Floor(width / beta / f) * f);
            note = $"downscaled under max_pixels {spec.MaxPixels}";
        }
        else if ((long)h * w < spec.MinPixels)
        {
            var beta = Math.Sqrt(spec.MinPixels / ((double)height * width));
            h = (int)Math.Ceiling(height * beta / f) * f;
            w = (int)Math.Ceiling(width * beta / f) * f;
            note = $"upscaled over min_pixels {spec.MinPixels}";
        }

        var tokens = (w / f) * (h / f) + spec.WrapperTokens;
        return new VisionCost(tokens, w, h, w, h, 1, 1, $"{note}; {w / f}x{h / f} blocks of {f}px");
    }
}
