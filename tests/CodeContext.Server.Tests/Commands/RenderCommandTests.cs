using System.Buffers.Binary;
using System.Text.Json;
using CodeContext.Rendering.Profiles;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Commands;

/// <summary>`render` on chosen files of the sample: pages of the profile's geometry that carry those files and no others.</summary>
public sealed class RenderCommandTests : IDisposable
{
    private static readonly string[] Chosen = ["src/Shop.Services/Orders/OrderService.cs", "src/Shop.Domain/Orders/Order.cs"];

    private readonly TempTree _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("deepseek-ocr-base", "L2")]
    [InlineData("qwen2.5-vl", "L1")]
    public async Task Render_writes_pages_of_the_profiles_geometry_for_the_chosen_files(string profileId, string level)
    {
        var output = _work.PathOf(profileId);
        var (exit, _, stderr) = await CliRun.RunAsync(
            "render", "samples/Shop", "--profile", profileId, "--level", level, "--files", string.Join(',', Chosen), "--out", output, "--no-msbuild");

        Assert.True(exit == 0, stderr);
        var geometry = ProfileCatalog.Get(profileId).Page;
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json")));
        Assert.Equal(level, manifest.RootElement.GetProperty("level").GetString());
        var pages = manifest.RootElement.GetProperty("pages").EnumerateArray().ToList();
        Assert.NotEmpty(pages);
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            Assert.Equal(geometry.Width, page.GetProperty("width").GetInt32());
            Assert.Equal(geometry.Height, page.GetProperty("height").GetInt32());
            // The PNG itself has that size (IHDR: width and height, big-endian, from byte 16).
            var png = await File.ReadAllBytesAsync(Path.Combine(output, page.GetProperty("file").GetString()!));
            Assert.Equal((geometry.Width, geometry.Height), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
            foreach (var region in page.GetProperty("regions").EnumerateArray()) drawn.Add(region.GetProperty("path").GetString()!);
        }

        Assert.Equal(Chosen.Order(StringComparer.Ordinal), drawn.Order(StringComparer.Ordinal));
        Assert.Equal(pages.Count, Directory.EnumerateFiles(Path.Combine(output, "pages"), "*.png").Count());
    }

    [Fact]
    public async Task Render_without_an_output_folder_exits_2_naming_the_option()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("render", "samples/Shop", "--files", Chosen[0]);

        Assert.Equal(2, exit);
        Assert.Contains("--out", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Render_with_a_level_the_profile_lacks_exits_2_naming_the_option_and_the_levels()
    {
        var output = _work.PathOf("bad-level");
        var (exit, stdout, stderr) = await CliRun.RunAsync("render", "samples/Shop", "--level", "L9", "--files", Chosen[0], "--out", output, "--no-msbuild");

        Assert.Equal(2, exit);
        Assert.Contains("--level 'L9'", stderr, StringComparison.Ordinal);
        Assert.Contains("L1", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(output), "nothing is written for a refused level");
    }
}
