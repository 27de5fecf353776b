using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Tests.Graph;

/// <summary>
/// An incremental update keeps the previous edges only when resolving them again would give the
/// very same edges: whether kept or resolved, they equal a full resolve of the edited facts.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class EdgeReuseTests(ShopFixture sample)
{
    private const string OrderService = "src/Shop.Services/Orders/OrderService.cs";

    private async Task<CodebaseAnalysis> EditAsync(Func<string, string> edit)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Shop, OrderService));
        return await sample.Analysis.WithDocumentTextAsync(OrderService, edit(source));
    }

    private static string Member(string source, string member)
    {
        var at = source.LastIndexOf('}');
        return source[..at] + member + "\n" + source[at..];
    }

    private static void SameAsAFullResolve(CodebaseAnalysis edited)
    {
        var full = EdgeResolver.Resolve(edited.Graph.Paths, edited.Graph.Facts);
        Assert.Equal(full.Edges, edited.Graph.Edges);
        Assert.Equal(full.DeclaringFiles.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, string.Join(',', p.Value))),
            edited.Graph.DeclaringFiles.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, string.Join(',', p.Value))));
    }

    [Fact]
    public async Task A_new_member_nobody_names_keeps_the_edges()
    {
        var edited = await EditAsync(s => Member(s, "    private static int RetryBudgetCount => 3;"));

        Assert.Same(sample.Analysis.Graph.Edges, edited.Graph.Edges);
        Assert.Contains(edited.Graph.DeclaringFiles.Keys, id => id.EndsWith("OrderService.RetryBudgetCount", StringComparison.Ordinal));
        SameAsAFullResolve(edited);
    }

    [Fact]
    public async Task A_member_named_like_a_dispatched_member_resolves_again()
    {
        // PlaceOrderAsync is called through IOrderService: a new member of that name may be reached by dispatch.
        var edited = await EditAsync(s => Member(s, "    public Task<int> PlaceOrderAsync(int attempt) => Task.FromResult(attempt);"));

        Assert.NotSame(sample.Analysis.Graph.Edges, edited.Graph.Edges);
        SameAsAFullResolve(edited);
    }

    [Fact]
    public async Task A_new_use_resolves_again()
    {
        var edited = await EditAsync(s => Member(s, "    internal static System.Type ScheduleType => typeof(Shop.Services.Reporting.ReportSchedule);"));

        Assert.NotSame(sample.Analysis.Graph.Edges, edited.Graph.Edges);
        SameAsAFullResolve(edited);
    }

    [Fact]
    public async Task A_line_inserted_above_the_members_resolves_again()
    {
        // Every use moves a line down: the edges carry lines, so they are resolved again.
        var edited = await EditAsync(s => s.Replace("public sealed class OrderService", "// placed orders\npublic sealed class OrderService", StringComparison.Ordinal));

        Assert.NotSame(sample.Analysis.Graph.Edges, edited.Graph.Edges);
        SameAsAFullResolve(edited);
    }
}
