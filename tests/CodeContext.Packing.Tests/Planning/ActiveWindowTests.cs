using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;

namespace CodeContext.Packing.Tests.Planning;

/// <summary>
/// A large active file is a window, not a wall: the lines around the cursor stay exact within the
/// planner's share of the budget, the rest of the file goes down the ladder like any other file,
/// and the manifest says so in words.
/// </summary>
public sealed class ActiveWindowTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cc-window-" + Guid.NewGuid().ToString("N")[..8]);
    private CodebaseAnalysis _analysis = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "Order.cs"), "namespace Lib; public sealed class Order { public int Id { get; set; } }\n");
        File.WriteAllText(Path.Combine(_root, "Customer.cs"), "namespace Lib; public sealed class Customer { public string Name { get; set; } = \"\"; }\n");
        File.WriteAllText(Path.Combine(_root, "Mid.cs"), "namespace Lib;\npublic static class Mid\n{\n"
            + string.Concat(Enumerable.Range(0, 1500).Select(i => $"    public static Order M{i}(Customer c) => new Order {{ Id = {i} }};\n")) + "}\n");
        _analysis = await CodebaseAnalysis.OpenAsync(_root, new LoadOptions { NoMsBuild = true }, cache: null);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private Task<ContextPackage> ComposeAsync(double? share) =>
        new ContextComposer().ComposeAsync(_analysis, new ComposeRequest("Mid.cs") { Budget = 16000, Cursor = (700, 5), ActiveShare = share }, CancellationToken.None);

    [Fact]
    public async Task The_window_stays_within_its_share_and_the_rest_goes_down_the_ladder()
    {
        var package = await ComposeAsync(share: null);
        var m = package.Manifest;

        Assert.False(m.Active.Whole);
        Assert.InRange(700, m.Active.StartLine, m.Active.EndLine);
        var activeText = m.Segments.Single(s => s.Role == "active");
        Assert.True(activeText.Tokens <= 16000 * 0.4, $"{activeText.Tokens} tokens of active text");
        Assert.True(m.Totals.Total <= 16000);

        // Every line outside the window is carried in some form by the active file's slices.
        var entry = Assert.Single(m.Files, f => f.Path == "Mid.cs");
        var covered = entry.Slices!.Where(s => s.Form is not ("listed" or "excluded")).SelectMany(s => Enumerable.Range(s.StartLine, s.EndLine - s.StartLine + 1)).ToHashSet();
        var lines = File.ReadAllLines(Path.Combine(_root, "Mid.cs")).Length;
        var outside = Enumerable.Range(1, lines).Where(l => l < m.Active.StartLine || l > m.Active.EndLine);
        Assert.All(outside, l => Assert.Contains(l, covered));
        Assert.Contains(m.Warnings, w => w.Contains("exact text only in lines", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_whole_share_keeps_the_old_behaviour_of_filling_the_budget_with_the_active_file()
    {
        var narrow = (await ComposeAsync(share: 0.2)).Manifest;
        var wide = (await ComposeAsync(share: 1)).Manifest;

        var narrowLines = narrow.Active.EndLine - narrow.Active.StartLine;
        var wideLines = wide.Active.EndLine - wide.Active.StartLine;
        Assert.True(wideLines > 2 * narrowLines, $"{wideLines} lines at share 1 against {narrowLines} at 0.2");
    }
}
