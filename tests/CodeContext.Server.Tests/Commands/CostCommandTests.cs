using System.Text.Json;
using CodeContext.Rendering.Costs;
using CodeContext.Rendering.Profiles;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Commands;

/// <summary>`cost`: the vision tokens of an image size, as the profile's cost formula gives them.</summary>
public sealed class CostCommandTests
{
    [Theory]
    [InlineData("deepseek-ocr-base", 1024, 1024)]
    [InlineData("deepseek-ocr-gundam", 1600, 2400)]
    [InlineData("qwen2.5-vl", 1000, 700)]
    [InlineData("gpt-4o", 2048, 900)]
    [InlineData("claude", 1400, 1400)]
    public async Task Cost_prints_the_tokens_of_the_profiles_formula_for_the_size(string profileId, int width, int height)
    {
        var expected = VisionCostCalculator.Compute(ProfileCatalog.Get(profileId).Cost, width, height);

        var (exit, stdout, stderr) = await CliRun.RunAsync("cost", "--profile", profileId, "--image", $"{width}x{height}");
        Assert.True(exit == 0, stderr);
        Assert.StartsWith($"{expected.Tokens} tokens: {profileId}, image {width}x{height}", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await CliRun.RunAsync("cost", "--profile", profileId, "--image", $"{width}x{height}", "--format", "json");
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(expected.Tokens, json.RootElement.GetProperty("tokens").GetInt32());
        Assert.Equal(expected.SeenWidth, json.RootElement.GetProperty("seen").GetProperty("width").GetInt32());
        Assert.Equal(expected.SeenHeight, json.RootElement.GetProperty("seen").GetProperty("height").GetInt32());
    }

    [Theory]
    [InlineData("1024")]
    [InlineData("0x1024")]
    [InlineData("1024xabc")]
    public async Task A_size_that_is_not_width_x_height_exits_2_naming_the_option(string size)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("cost", "--profile", "deepseek-ocr-base", "--image", size);

        Assert.Equal(2, exit);
        Assert.Contains($"--image '{size}'", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }
}
