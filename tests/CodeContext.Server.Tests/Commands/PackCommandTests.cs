using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Commands;

/// <summary>`pack` as a user runs it on the sample: the bundle it writes, and what it says about a bad argument.</summary>
public sealed class PackCommandTests : IDisposable
{
    private readonly TempTree _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Pack_writes_a_manifest_its_pages_and_context_md_within_the_budget()
    {
        var bundle = _work.PathOf("bundle");
        var (exit, stdout, stderr) = await CliRun.RunAsync(
            "pack", "samples/Shop", "--active", ShopFixture.Active, "--budget", "8k", "--out", bundle, "--cache-dir", _work.PathOf("cache"));

        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(Path.Combine(bundle, "context.md")));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(bundle, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal(8000, root.GetProperty("budget").GetInt32());
        Assert.Equal(ShopFixture.Active, root.GetProperty("active").GetProperty("path").GetString());
        var totals = root.GetProperty("totals");
        var total = totals.GetProperty("total").GetInt32();
        Assert.InRange(total, 1, 8000);
        Assert.Equal(totals.GetProperty("textTokens").GetInt32() + totals.GetProperty("visionTokens").GetInt32(), total);

        // Every page the prompt names is in the bundle, and the bundle holds no other.
        var named = root.GetProperty("segments").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "image")
            .Select(s => s.GetProperty("image").GetProperty("file").GetString()!)
            .ToList();
        Assert.NotEmpty(named);
        var written = Directory.EnumerateFiles(Path.Combine(bundle, "pages")).Select(f => "pages/" + Path.GetFileName(f)).Order(StringComparer.Ordinal);
        Assert.Equal(named.Order(StringComparer.Ordinal), written);
        // The summary on stdout states the same total.
        Assert.Contains($"tokens   {total} / 8000", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--budget", "16q")]
    [InlineData("--budget", "-5")]
    public async Task A_bad_budget_exits_2_naming_the_option(string option, string value)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(
            "pack", "samples/Shop", "--active", ShopFixture.Active, option, value, "--out", _work.PathOf("bundle"));

        Assert.Equal(2, exit);
        Assert.Contains($"{option} '{value}'", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(_work.PathOf("bundle")));
    }
}
