using System.Text.Json;

namespace CodeContext.Packing.Tests;

/// <summary>
/// What the server keeps between composes must never change what a compose says: a session
/// compose equals a fresh one, reuses pages while the plan holds, and re-plans when it must.
/// </summary>
public sealed class ComposeSessionTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    private const string Other = "src/Shop.Services/Notifications/NotificationDispatcher.cs";

    private static ComposeRequest Request(int budget = 12000) => new(ShopFixture.Active) { Budget = budget, Profile = "deepseek-ocr-base" };

    private static string Json(ContextPackage package) => JsonSerializer.Serialize(package.Manifest);

    [Fact]
    public async Task A_session_compose_says_what_a_fresh_compose_says_and_a_repeat_reuses_the_pages()
    {
        var session = new ComposeSession();
        var fresh = await new ContextComposer().ComposeAsync(shop.Analysis, Request(), CancellationToken.None);
        var first = await new ContextComposer(session: session).ComposeAsync(shop.Analysis, Request(), CancellationToken.None);
        var second = await new ContextComposer(session: session).ComposeAsync(shop.Analysis, Request(), CancellationToken.None);

        Assert.Equal(Json(fresh), Json(first));
        Assert.Equal(Json(first), Json(second));
        Assert.NotEmpty(second.PageList);
        Assert.All(first.PageList.Zip(second.PageList), p => Assert.Same(p.First.Value, p.Second.Value));
    }

    [Fact]
    public async Task A_comment_typed_in_the_active_file_keeps_the_plan_and_pages_and_carries_the_new_text()
    {
        var session = new ComposeSession();
        var before = await new ContextComposer(session: session).ComposeAsync(shop.Analysis, Request(), CancellationToken.None);
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Shop, ShopFixture.Active));
        var edited = await shop.Analysis.WithDocumentTextAsync(ShopFixture.Active, source + "// reviewed: retry on timeout\n");

        var after = await new ContextComposer(session: session).ComposeAsync(edited, Request(), CancellationToken.None);

        Assert.All(before.PageList.Zip(after.PageList), p => Assert.Same(p.First.Value, p.Second.Value));
        Assert.Equal(before.Manifest.Files.Skip(1).Select(f => (f.Path, f.Form)), after.Manifest.Files.Skip(1).Select(f => (f.Path, f.Form)));
        Assert.Contains("// reviewed: retry on timeout", after.Manifest.Segments.Single(s => s.Role == "active").Text!, StringComparison.Ordinal);
        Assert.True(after.Manifest.Totals.Total <= 12000);
        Assert.True(after.Manifest.Totals.TextTokens > before.Manifest.Totals.TextTokens);
    }

    [Fact]
    public async Task When_another_file_changes_the_session_plans_again_exactly_as_a_fresh_compose()
    {
        var session = new ComposeSession();
        await new ContextComposer(session: session).ComposeAsync(shop.Analysis, Request(), CancellationToken.None);
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Shop, Other));
        var edited = await shop.Analysis.WithDocumentTextAsync(Other, source.Replace("namespace", "// dispatches every channel\nnamespace", StringComparison.Ordinal) + "\ninternal static class DispatchLog { public static int Count; }\n");

        var viaSession = await new ContextComposer(session: session).ComposeAsync(edited, Request(), CancellationToken.None);
        var fresh = await new ContextComposer().ComposeAsync(edited, Request(), CancellationToken.None);

        Assert.Equal(Json(fresh), Json(viaSession));
        Assert.Contains(viaSession.Manifest.Files, f => f.Path == Other);
    }

    [Fact]
    public async Task A_literal_changed_in_the_active_file_keeps_graph_and_ranker_and_composes_as_a_fresh_compose()
    {
        var session = new ComposeSession();
        await new ContextComposer(session: session).ComposeAsync(shop.Analysis, Request(), CancellationToken.None);
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Shop, ShopFixture.Active));
        var edited = await shop.Analysis.WithDocumentTextAsync(ShopFixture.Active, source.Replace("Math.Clamp(limit, 1, 100)", "Math.Clamp(limit, 1, 250)", StringComparison.Ordinal));

        var viaSession = await new ContextComposer(session: session).ComposeAsync(edited, Request(), CancellationToken.None);
        var fresh = await new ContextComposer().ComposeAsync(edited, Request(), CancellationToken.None);

        // The same facts: the edit re-analysed the document, and kept the edges and the ranker.
        Assert.Same(shop.Analysis.Graph.Edges, edited.Graph.Edges);
        Assert.Same(shop.Analysis.Ranker, edited.Ranker);
        Assert.Equal(Json(fresh), Json(viaSession));
        Assert.Contains("Math.Clamp(limit, 1, 250)", viaSession.Manifest.Segments.Single(s => s.Role == "active").Text!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_different_budget_is_a_new_plan_that_respects_it()
    {
        var session = new ComposeSession();
        var wide = await new ContextComposer(session: session).ComposeAsync(shop.Analysis, Request(24000), CancellationToken.None);
        var tight = await new ContextComposer(session: session).ComposeAsync(shop.Analysis, Request(4000), CancellationToken.None);
        var fresh = await new ContextComposer().ComposeAsync(shop.Analysis, Request(4000), CancellationToken.None);

        Assert.True(tight.Manifest.Totals.Total <= 4000);
        Assert.True(wide.Manifest.Totals.Total > 4000);
        Assert.Equal(Json(fresh), Json(tight));
    }

    [Fact]
    public async Task A_new_name_in_the_active_file_keeps_the_plan_only_while_relevance_barely_moves()
    {
        var session = new ComposeSession();
        var before = await new ContextComposer(session: session).ComposeAsync(shop.Analysis, Request(), CancellationToken.None);
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Shop, ShopFixture.Active));
        var at = source.LastIndexOf('}');
        var edited = await shop.Analysis.WithDocumentTextAsync(ShopFixture.Active, source[..at] + "    internal static int RetryBudgetCount => 3;\n" + source[at..]);

        var after = await new ContextComposer(session: session).ComposeAsync(edited, Request(), CancellationToken.None);

        Assert.NotSame(shop.Analysis.Ranker, edited.Ranker);
        var moved = before.Manifest.Files.Skip(1).Zip(after.Manifest.Files.Skip(1)).Max(p => Math.Abs(p.First.Relevance - p.Second.Relevance));
        Assert.True(after.Manifest.Totals.Total <= 12000);
        if (moved < Packing.Planning.PlannerSettings.Default.KeepPlanWhileRelevanceMovesBelow)
        {
            Assert.All(before.PageList.Zip(after.PageList), p => Assert.Same(p.First.Value, p.Second.Value));
        }
        else
        {
            var fresh = await new ContextComposer().ComposeAsync(edited, Request(), CancellationToken.None);
            Assert.Equal(Json(fresh), Json(after));
        }
    }
}
