using CodeContext.Core;

namespace CodeContext.Rendering.Costs;

/// <summary>The one entry for "what does an image of W x H cost on this model".</summary>
public static class VisionCostCalculator
{
    public static VisionCost Compute(CostSpec spec, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new UserError($"image size must be positive, got {width}x{height}");
        }

        return spec.Kind switch
        {
            "deepseek-ocr" => DeepSeekOcrCost.Compute(spec, width, height),
            "deepseek-ocr-2" => DeepSeekOcr2Cost.Compute(spec, width, height),
            "qwen-vl" => QwenVlCost.Compute(spec, width, height),
            "openai-tiles" => OpenAiTileCost.Compute(spec, width, height),
            "claude" => ClaudeCost.Compute(spec, width, height),
            _ => throw new InvalidOperationException($"profile table names an unknown cost kind '{spec.Kind}'"),
        };
    }
}
