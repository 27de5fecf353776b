using CodeContext.Analyzers.Ranking;

namespace CodeContext.Analyzers.Tests.Ranking;

/// <summary>Ranking properties on the sample whose relationships samples/Shop/README.md documents.</summary>
[Collection(SampleCollection.Name)]
public sealed class RankingTests(ShopFixture sample)
{
    private const string OrderService = "src/Shop.Services/Orders/OrderService.cs";

    private async Task<IReadOnlyList<RankedFile>> RankAsync(string active, (int, int)? cursor = null, string? query = null, IReadOnlyList<string>? recent = null) =>
        (await sample.Analysis.RankAsync(active, cursor, recent ?? [], query, top: null)).Ranked;

    private static int Position(IReadOnlyList<RankedFile> ranked, string path)
    {
        var index = ranked.ToList().FindIndex(r => r.Path == path);
        return index < 0 ? int.MaxValue : index;
    }

    [Fact]
    public void Loads_the_sample_without_degradation_and_skips_what_its_readme_lists()
    {
        var workspace = sample.Analysis.Workspace;
        Assert.Empty(workspace.Degraded);
        var skipped = workspace.Skipped.ToDictionary(s => s.RelativePath, s => s.Reason);
        Assert.StartsWith("generated code", skipped["src/Shop.Domain/Generated/Mappings.g.cs"]);
        Assert.StartsWith("generated code", skipped["src/Shop.Api/Properties/Resources.Designer.cs"]);
        Assert.Equal("ignored by .gitignore", skipped["src/Shop.Api/HostOptions.local.cs"]);
        Assert.Equal("ignored by .codecontextignore", skipped["src/Shop.Api/Legacy/LegacyOrderImporter.cs"]);
        Assert.True(workspace.Files.Count >= 90, $"only {workspace.Files.Count} files loaded");
    }

    [Fact]
    public async Task The_active_file_is_not_in_its_own_list_and_scores_descend()
    {
        var ranked = await RankAsync(OrderService);
        Assert.DoesNotContain(ranked, r => r.Path == OrderService);
        Assert.Equal(ranked.OrderByDescending(r => r.Score).Select(r => r.Score), ranked.Select(r => r.Score));
        Assert.All(ranked, r => Assert.NotEmpty(r.Reasons));
    }

    [Fact]
    public async Task Implementation_of_a_used_interface_outranks_unrelated_files()
    {
        var ranked = await RankAsync(OrderService);
        var gateway = Position(ranked, "src/Shop.Infrastructure/Payments/FakePaymentGateway.cs");
        Assert.True(gateway < 25, $"FakePaymentGateway at {gateway}");
        foreach (var unrelated in new[] { "src/Shop.Infrastructure/Inventory/WarehouseBinAllocator.cs", "src/Shop.Services/Reporting/ReportSchedule.cs" })
            Assert.True(Position(ranked, unrelated) > gateway, $"{unrelated} ranks above the gateway implementation");
        var reasons = ranked[gateway].Reasons;
        Assert.Contains(reasons, r => r.Contains("implements IPaymentGateway", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callers_and_tests_of_the_active_file_are_found()
    {
        var ranked = await RankAsync(OrderService);
        var endpoint = Position(ranked, "src/Shop.Api/Endpoints/OrdersEndpoint.cs");
        var tests = Position(ranked, "tests/Shop.Tests/OrderServiceTests.cs");
        Assert.True(endpoint < 20, $"OrdersEndpoint (a caller) at {endpoint}");
        Assert.True(tests < 5, $"OrderServiceTests at {tests}");
        Assert.Contains(ranked[endpoint].Reasons, r => r.Contains("OrderService.", StringComparison.Ordinal) && r.Contains("of the active file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dependencies_of_the_active_file_are_found_with_the_using_member_and_line()
    {
        var ranked = await RankAsync(OrderService);
        var repository = ranked.Single(r => r.Path == "src/Shop.Domain/Orders/IOrderRepository.cs");
        var position = Position(ranked, repository.Path);
        // Every file of the sample's unrelated areas ranks below a direct dependency.
        Assert.All(ranked.Where(r => r.Path.Contains("/Reporting/", StringComparison.Ordinal) || r.Path.Contains("/Inventory/", StringComparison.Ordinal)),
            r => Assert.True(Position(ranked, r.Path) > position, $"{r.Path} outranks IOrderRepository ({position})"));
        Assert.Matches(@"declares IOrderRepository(\.\w+)?, (called|used) by OrderService\.\w+ \(line \d+\)", repository.Reasons[0]);
    }

    [Fact]
    public async Task A_question_pulls_in_the_files_it_names()
    {
        const string active = "src/Shop.Services/Pricing/PricingEngine.cs";
        var plain = Position(await RankAsync(active), "src/Shop.Infrastructure/Inventory/WarehouseBinAllocator.cs");
        var asked = await RankAsync(active, query: "how does the WarehouseBinAllocator pick a bin?");
        var withQuery = Position(asked, "src/Shop.Infrastructure/Inventory/WarehouseBinAllocator.cs");
        Assert.True(withQuery < plain, $"query did not lift the named file ({plain} -> {withQuery})");
        Assert.True(withQuery < 3, $"named file at {withQuery}");
        Assert.Contains(asked[withQuery].Reasons, r => r.Contains("named in the question", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_symbol_at_the_cursor_lifts_its_declaring_and_referencing_files()
    {
        var document = sample.Analysis.Workspace.GetDocument(sample.Analysis.Workspace.ResolveFile(OrderService));
        var text = (await document.GetTextAsync()).ToString().Split('\n');
        var line = Array.FindIndex(text, l => l.Contains("ChargeAsync(", StringComparison.Ordinal)) + 1;
        Assert.True(line > 0);
        var column = text[line - 1].IndexOf("ChargeAsync", StringComparison.Ordinal) + 2;

        var ranked = await RankAsync(OrderService, cursor: (line, column));
        var gateway = ranked.Single(r => r.Path == "src/Shop.Infrastructure/Payments/FakePaymentGateway.cs");
        var plain = Position(await RankAsync(OrderService), gateway.Path);
        Assert.True(Position(ranked, gateway.Path) < plain, "cursor on ChargeAsync did not lift its implementation");
        Assert.Contains(ranked.Take(3), r => r.Path == "src/Shop.Domain/Payments/IPaymentGateway.cs");
    }

    [Fact]
    public void Member_focus_lifts_what_the_member_at_the_cursor_uses_and_says_so()
    {
        var graph = sample.Analysis.Graph;
        var active = graph.IndexOf(OrderService)!.Value;
        var member = graph.Facts[active].Declarations.Single(d => d.Display == "OrderService.CancelOrderAsync");
        var callees = graph.Outgoing[active].Where(e => e.FromMember == member.Display).Select(e => graph.Paths[e.To]).Distinct().ToList();
        Assert.NotEmpty(callees);

        var request = new RankRequest(OrderService) { CursorSymbolId = member.Id };
        var plain = new FileRanker(graph, CoChangeHistory.Empty, RankingWeights.Default with { MemberFocus = false }).Rank(request);
        var focused = new FileRanker(graph, CoChangeHistory.Empty, RankingWeights.Default with { MemberFocus = true }).Rank(request);
        Assert.All(callees, callee => Assert.True(Position(focused, callee) <= Position(plain, callee), $"{callee}: {Position(plain, callee)} -> {Position(focused, callee)}"));
        Assert.Contains(callees, callee => Position(focused, callee) < Position(plain, callee));
        var lifted = focused.First(r => callees.Contains(r.Path) && !graph.Outgoing.SelectMany(e => e).Any(e => graph.Paths[e.From] == r.Path && e.TargetDisplay == member.Display));
        Assert.Contains("used by OrderService.CancelOrderAsync, the member at the cursor", lifted.Reasons);
    }

    [Fact]
    public void The_rare_name_list_lifts_only_files_the_lexical_list_explains_and_costs_nothing_when_off()
    {
        // A user reads the lexical reason ("shares names ...") for what the rare-name list lifts:
        // both lists must hold the same files, the second only ordered differently.
        var ranker = sample.Analysis.Ranker;
        var mix = ranker.Weights.SignalWeights with { RareLexical = 0.75 };
        var on = ranker.Measure(new RankRequest(OrderService), mix);
        Assert.Contains(on.RareLexical, s => s > 0);
        Assert.All(Enumerable.Range(0, on.Lexical.Length), i => Assert.Equal(on.Lexical[i] > 0, on.RareLexical[i] > 0));
        Assert.NotEqual(Order(on.Lexical), Order(on.RareLexical));
        var off = ranker.Measure(new RankRequest(OrderService), mix with { RareLexical = 0 });
        Assert.All(off.RareLexical, s => Assert.Equal(0, s));
    }

    private static List<int> Order(double[] scores) => [.. Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).OrderByDescending(i => scores[i]).ThenBy(i => i)];

    [Fact]
    public async Task Recent_files_are_lifted()
    {
        const string recent = "src/Shop.Services/Reporting/ReportSchedule.cs";
        var before = Position(await RankAsync(OrderService), recent);
        var after = Position(await RankAsync(OrderService, recent: [recent]), recent);
        Assert.True(after < before && after < 5, $"recent file moved {before} -> {after}");
    }

    [Fact]
    public async Task A_test_named_after_the_active_file_ranks_first_and_says_so()
    {
        var top = (await RankAsync("src/Shop.Infrastructure/Inventory/WarehouseBinAllocator.cs")).First();
        Assert.Equal("tests/Shop.Tests/WarehouseBinAllocatorTests.cs", top.Path);
        Assert.Contains("tests WarehouseBinAllocator by its name", top.Reasons);
    }
}
