using System.Text.Json;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>
/// The active file is what the developer edits, whatever the loader thinks of it: generated, too
/// large for context, or in no project, it still gets a context that says plainly what was
/// limited. A multi-file rank answers per file. Trojan-source characters are flagged and shown.
/// </summary>
public sealed class ActiveFileAndTrojanTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cc-active-" + Guid.NewGuid().ToString("N")[..10]);

    public ActiveFileAndTrojanTests()
    {
        Write("Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        Write("Lib/Order.cs", "namespace Lib; public sealed class Order { public int Id { get; set; } }\n");
        Write("Lib/Customer.cs", "namespace Lib; public sealed class Customer { public string Name { get; set; } = \"\"; }\n");
        Write("Lib/Unrelated.cs", "namespace Lib; public sealed class Weather { public double Celsius { get; set; } }\n");
        Write("Lib/OrderMapper.g.cs", "namespace Lib; public static class OrderMapper { public static Order Map(Customer c) => new(); }\n");
        Write("Lib/Big.cs", "namespace Lib;\npublic static class Big\n{\n" + string.Concat(Enumerable.Range(0, 9000).Select(i => $"    public static Order M{i}(Customer c) => new Order {{ Id = {i} }};\n")) + "}\n");
        Write("scripts/tool.cs", "var order = new Lib.Order(); System.Console.WriteLine(order.Id);\n");
        Write("Lib/Access.cs", "namespace Lib;\npublic sealed class Access\n{\n    // check access \u202E } if (isAdmin) { \u202C admins only\n    public bool Check(Order o) => o.Id > 0;\n}\n");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string Repo => Path.Combine(_root, "repo");

    private void Write(string relative, string text)
    {
        var path = Path.Combine(Repo, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task<JsonElement> PackAsync(string active, int budget = 3000)
    {
        var output = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N")[..6]);
        var run = await HostileCli.RunAsync(["pack", Repo, "--active", active, "--budget", budget.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output, "--no-cache", "--quiet"]);
        Assert.True(run.Exit == 0, run.Err);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement;
    }

    private static IEnumerable<string> Warnings(JsonElement manifest) => manifest.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!);

    private static IEnumerable<string> Carried(JsonElement manifest) =>
        manifest.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("form").GetString() is not ("excluded" or "listed")).Select(f => f.GetProperty("path").GetString()!);

    [Theory]
    [InlineData("Lib/OrderMapper.g.cs", "generated code")]
    [InlineData("scripts/tool.cs", "not part of any loaded project")]
    public async Task An_active_file_outside_the_context_gets_a_context_ranked_by_its_names(string active, string reason)
    {
        var manifest = await PackAsync(active);

        Assert.Equal(active, manifest.GetProperty("active").GetProperty("path").GetString());
        Assert.Contains(Warnings(manifest), w => w.Contains(active, StringComparison.Ordinal) && w.Contains(reason, StringComparison.Ordinal));
        var ranked = manifest.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("relevance").GetDouble() > 0).OrderByDescending(f => f.GetProperty("relevance").GetDouble()).Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Equal("Lib/Order.cs", ranked.Intersect(["Lib/Order.cs", "Lib/Unrelated.cs"]).First());
    }

    [Fact]
    public async Task A_huge_active_file_is_windowed_and_says_so()
    {
        var manifest = await PackAsync("Lib/Big.cs");

        Assert.False(manifest.GetProperty("active").GetProperty("whole").GetBoolean());
        Assert.Contains(Warnings(manifest), w => w.Contains("larger than", StringComparison.Ordinal));
        Assert.Contains(Warnings(manifest), w => w.Contains("the active file Lib/Big.cs is", StringComparison.Ordinal) && w.Contains("lines", StringComparison.Ordinal) && !w.Contains("not a context file", StringComparison.Ordinal));
        Assert.True(manifest.GetProperty("totals").GetProperty("total").GetInt32() <= 3000);
    }

    [Fact]
    public async Task A_multi_file_rank_reports_a_bad_file_and_ranks_the_rest()
    {
        var run = await HostileCli.RunAsync(["rank", Repo, "--active", "Lib/Access.cs", "--active", "/etc/passwd", "--active", "Lib/OrderMapper.g.cs", "--format", "json", "--no-cache", "--quiet"]);

        Assert.True(run.Exit == 0, run.Err);
        var results = JsonDocument.Parse(run.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.NotEmpty(results[0].GetProperty("ranked").EnumerateArray());
        Assert.Contains("not a C# file of the loaded codebase", results[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(results[2].GetProperty("ranked").EnumerateArray(), r => r.GetProperty("path").GetString() == "Lib/Order.cs");
    }

    [Fact]
    public async Task Trojan_source_characters_are_flagged_and_visible_in_text()
    {
        var manifest = await PackAsync("Lib/Order.cs", budget: 6000);

        Assert.Contains("Lib/Access.cs", Carried(manifest));
        Assert.Contains(Warnings(manifest), w => w.Contains("Lib/Access.cs line 4", StringComparison.Ordinal) && w.Contains("U+202E", StringComparison.Ordinal));
        var text = string.Concat(manifest.GetProperty("segments").EnumerateArray().Where(s => s.TryGetProperty("text", out _)).Select(s => s.GetProperty("text").GetString()));
        Assert.Contains("\\u202E", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", text, StringComparison.Ordinal);
    }
}
