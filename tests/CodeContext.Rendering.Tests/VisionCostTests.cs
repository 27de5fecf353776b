using CodeContext.Core;
using CodeContext.Rendering.Costs;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Rendering.Tests;

public sealed class VisionCostTests
{
    private static VisionCost Cost(string profile, int w, int h) => VisionCostCalculator.Compute(ProfileCatalog.Get(profile).Cost, w, h);

    [Theory]
    [InlineData("deepseek-ocr-tiny", 512, 512, 73)]
    [InlineData("deepseek-ocr-small", 640, 640, 111)]
    [InlineData("deepseek-ocr-base", 1024, 1024, 273)]
    [InlineData("deepseek-ocr-large", 1280, 1280, 421)]
    [InlineData("deepseek-ocr-vllm", 640, 640, 273)]
    [InlineData("deepseek-ocr-vllm", 1024, 1024, 693)]
    [InlineData("deepseek-ocr-vllm", 1280, 1920, 903)]
    [InlineData("deepseek-ocr-vllm", 1920, 1280, 893)]
    [InlineData("deepseek-ocr-vllm", 100, 50, 273)]
    [InlineData("deepseek-ocr-gundam", 1920, 1920, 1203)]
    [InlineData("deepseek-ocr-gundam", 640, 640, 273)]
    public void DeepSeekModesCostWhatTheInferenceCodeBuilds(string profile, int w, int h, int tokens) =>
        Assert.Equal(tokens, Cost(profile, w, h).Tokens);

    // DeepseekOCR2Processor: 16x16 global queries + 1 separator, 12x12 per 768 crop, no newline
    // tokens; crops only when a side exceeds 768, on the closest grid of 2..6.
    [Theory]
    [InlineData(768, 768, 1, 1, 257)]
    [InlineData(500, 300, 1, 1, 257)]
    [InlineData(769, 768, 2, 2, 257 + 4 * 144)]
    [InlineData(1536, 768, 2, 1, 257 + 2 * 144)]
    [InlineData(2304, 1536, 3, 2, 257 + 6 * 144)]
    [InlineData(1024, 1024, 2, 2, 833)]
    [InlineData(4608, 768, 6, 1, 257 + 6 * 144)]
    [InlineData(768, 3000, 1, 4, 257 + 4 * 144)]
    public void DeepSeekOcr2CostsWhatItsProcessorBuilds(int w, int h, int tilesWide, int tilesHigh, int tokens)
    {
        var cost = Cost("deepseek-ocr-2", w, h);
        Assert.Equal((tilesWide, tilesHigh, tokens), (cost.TilesWide, cost.TilesHigh, cost.Tokens));
    }

    [Fact]
    public void DeepSeekOcr2_page_is_its_cheapest_per_pixel_under_the_crop_cap()
    {
        var profile = ProfileCatalog.Get("deepseek-ocr-2");
        var page = Cost("deepseek-ocr-2", profile.Page.Width, profile.Page.Height);
        Assert.Equal(1121, page.Tokens);
        Assert.Equal(1024, page.SeenWidth);
    }

    [Fact]
    public void Fixed_modes_cost_the_same_whatever_the_image_size()
    {
        Assert.Equal(273, Cost("deepseek-ocr-base", 300, 2000).Tokens);
        Assert.Equal(73, Cost("deepseek-ocr-tiny", 4000, 100).Tokens);
    }

    [Fact]
    public void Base_pads_to_square_keeping_aspect_while_tiny_stretches()
    {
        var basePadded = Cost("deepseek-ocr-base", 2048, 1024);
        Assert.Equal((1024, 1024, 1024, 512), (basePadded.SeenWidth, basePadded.SeenHeight, basePadded.ContentWidth, basePadded.ContentHeight));
        Assert.Contains("padded", basePadded.Note, StringComparison.Ordinal);

        var tinyStretched = Cost("deepseek-ocr-tiny", 1024, 512);
        Assert.Equal((512, 512), (tinyStretched.ContentWidth, tinyStretched.ContentHeight));
        Assert.Contains("stretched", tinyStretched.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Gundam_picks_the_grid_closest_to_the_aspect_within_its_tile_cap()
    {
        var vllm = Cost("deepseek-ocr-vllm", 1280, 1920);
        Assert.Equal((2, 3), (vllm.TilesWide, vllm.TilesHigh));

        // A very wide page: the 6-tile cap of vLLM allows 6x1, the transformers cap of 9 allows 9x1.
        Assert.Equal((6, 1), (Cost("deepseek-ocr-vllm", 6400, 640).TilesWide, 1));
        var wide = Cost("deepseek-ocr-gundam", 5760, 640);
        Assert.Equal((9, 1), (wide.TilesWide, wide.TilesHigh));
        Assert.Equal(272 + 10 * (90 + 1) + 1, wide.Tokens);

        // One pixel over 640 switches tiling on: a near-square page takes 2x2 tiles, never 1x1.
        var justOver = Cost("deepseek-ocr-vllm", 641, 640);
        Assert.Equal((2, 2, 693), (justOver.TilesWide, justOver.TilesHigh, justOver.Tokens));
    }

    [Fact]
    public void Square_tie_keeps_the_smaller_grid_unless_the_image_is_large_enough()
    {
        // 1:1 ties between 2x2 and 3x3 (cap 9): 3x3 wins only when the image has over half of 1920x1920's pixels.
        Assert.Equal((2, 2), GundamGrid.Closest(1280, 1280, 640, 2, 9));
        Assert.Equal((3, 3), GundamGrid.Closest(1400, 1400, 640, 2, 9));
    }

    [Theory]
    [InlineData(1008, 1008, 36 * 36 + 2)]
    [InlineData(28, 28, 4 + 2)]        // under min_pixels: scaled up to 56x56
    [InlineData(42, 70, 4 + 2)]        // 1.5 and 2.5 both round half to even: 2 blocks each
    [InlineData(1000, 1000, 36 * 36 + 2)]
    public void QwenRoundsToBlocksOf28(int w, int h, int tokens) => Assert.Equal(tokens, Cost("qwen2.5-vl", w, h).Tokens);

    [Fact]
    public void Qwen_shrinks_huge_images_under_max_pixels()
    {
        var huge = Cost("qwen2.5-vl", 8000, 8000);
        Assert.True((long)huge.SeenWidth * huge.SeenHeight <= 12845056);
        Assert.Equal(16384 + 2, huge.Tokens);
    }

    [Theory]
    [InlineData(1024, 1024, 765)]   // shrunk to 768x768: 2x2 tiles
    [InlineData(2048, 4096, 1105)]  // fit to 1024x2048, short side 768: 768x1536, 2x3 tiles
    [InlineData(512, 512, 255)]
    [InlineData(512, 2048, 765)]
    [InlineData(513, 512, 425)]
    public void Gpt4oPaysPerTileAfterResizing(int w, int h, int tokens) => Assert.Equal(tokens, Cost("gpt-4o", w, h).Tokens);

    [Theory]
    [InlineData(1092, 1092, 1590)]
    [InlineData(750, 1, 1)]
    [InlineData(200, 200, 54)]
    public void ClaudeCostsAreaOver750(int w, int h, int tokens) => Assert.Equal(tokens, Cost("claude", w, h).Tokens);

    [Fact]
    public void Claude_downscales_long_edges_and_large_areas()
    {
        var tall = Cost("claude", 1000, 3136);
        Assert.Equal(1568, tall.SeenHeight);
        var big = Cost("claude", 2000, 2000);
        Assert.True(big.Tokens <= 1600, $"{big.Tokens}");
        Assert.Equal(big.SeenWidth, big.SeenHeight);
    }

    [Fact]
    public void Non_positive_sizes_are_user_errors() =>
        Assert.Throws<UserError>(() => Cost("deepseek-ocr-base", 0, 10));

    [Fact]
    public void Unknown_profile_names_the_known_ones()
    {
        var error = Assert.Throws<UserError>(() => ProfileCatalog.Get("nope"));
        Assert.Contains("deepseek-ocr-base", error.Message, StringComparison.Ordinal);
    }
}
