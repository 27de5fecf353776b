namespace CodeContext.VisionEncoder.Tests;

public sealed class TokenFormulaTests
{
    [Theory]
    [InlineData("Tiny", 512, 73)]
    [InlineData("Small", 640, 111)]
    [InlineData("Base", 1024, 273)]
    [InlineData("Large", 1280, 421)]
    public void SingleViewModesCostTheDocumentedPlaceholderCounts(string mode, int size, int tokens)
    {
        var m = DeepSeekOcrModes.Get(mode);
        Assert.Equal(size, m.ImageSize);
        Assert.Equal(tokens, VisionTokenFormula.ForPage(m, size, size));
        // Any page size costs the same in a single-view mode: the view is padded or stretched.
        Assert.Equal(tokens, VisionTokenFormula.ForPage(m, 900, 1700));
    }

    [Theory]
    [InlineData(1280, 1920, 2, 3, 903)] // the shared docs' worked example: 272 + 630 + 1
    [InlineData(1024, 1024, 2, 2, 693)] // vLLM tiles a 1024 page 2x2: 272 + 420 + 1
    [InlineData(640, 640, 0, 0, 273)]   // fits one tile: global view only
    [InlineData(600, 400, 0, 0, 273)]
    [InlineData(2560, 640, 4, 1, 683)]  // 272 + 10 * 41 + 1
    public void GundamTilesFollowTheAspectRatio(int width, int height, int columns, int rows, int tokens)
    {
        var gundam = DeepSeekOcrModes.Get("gundam");
        var grid = GundamTiling.Choose(gundam, width, height);
        Assert.Equal(new TileGrid(columns, rows), grid);
        Assert.Equal(tokens, VisionTokenFormula.ForPage(gundam, width, height));
    }

    [Fact]
    public void Gundam_never_exceeds_its_tile_limit()
    {
        var gundam = DeepSeekOcrModes.Get("Gundam");
        foreach (var (w, h) in new[] { (640, 20000), (20000, 641), (3000, 3000), (1900, 700) })
        {
            var grid = GundamTiling.Choose(gundam, w, h);
            Assert.InRange(grid.Count, gundam.MinTiles, gundam.MaxTiles);
        }
    }

    [Fact]
    public void Unknown_mode_is_a_user_error()
    {
        var error = Assert.Throws<Core.UserError>(() => DeepSeekOcrModes.Get("Huge"));
        Assert.Contains("Huge", error.Message);
        Assert.Contains("Gundam", error.Message);
    }
}

/// <summary>The encoder's geometry must cost exactly what the renderer's profiles say a page costs.</summary>
public sealed class ProfileAgreementTests
{
    public static TheoryData<string> DeepSeekProfiles()
    {
        var data = new TheoryData<string>();
        foreach (var profile in Rendering.Profiles.ProfileCatalog.All.Where(p => p.Cost.Kind == "deepseek-ocr")) data.Add(profile.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(DeepSeekProfiles))]
    public void Encoder_output_length_equals_the_profile_cost(string profileId)
    {
        var profile = Rendering.Profiles.ProfileCatalog.Get(profileId);
        var mode = DeepSeekOcrModes.Resolve(profileId);
        var sizes = new[] { (profile.Page.Width, profile.Page.Height), (512, 512), (640, 640), (641, 480), (1024, 1024), (1280, 1920), (1920, 1080), (700, 3000), (3000, 700) };
        foreach (var (w, h) in sizes)
        {
            var expected = Rendering.Costs.VisionCostCalculator.Compute(profile.Cost, w, h).Tokens;
            Assert.True(expected == VisionTokenFormula.ForPage(mode, w, h), $"{profileId} {w}x{h}: profile {expected}, encoder {VisionTokenFormula.ForPage(mode, w, h)}");
        }
    }
}
