using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;

namespace CodeContext.Analyzers.Tests.Ranking;

/// <summary>
/// The focused analysis a cold `pack` runs: declarations read from syntax, uses matched by name,
/// the top of the request's ranking bound; measured against the full analysis of the sample.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class FocusedAnalysisTests(ShopFixture sample) : IDisposable
{
    private const string OrderService = "src/Shop.Services/Orders/OrderService.cs";
    private readonly TempTree _cacheRoot = new();

    public void Dispose() => _cacheRoot.Dispose();

    private FileGraph Full => sample.Analysis.Graph;

    private async Task<FileGraph> NameMatchedAsync() =>
        (await SymbolGraphBuilder.BuildAsync(sample.Analysis.Workspace, cache: null, log: null, nameMatchMissing: true)).Graph;

    private static HashSet<(int, int)> Links(FileGraph graph) => [.. graph.Edges.Select(e => (e.From, e.To))];

    [Fact]
    public async Task Declarations_read_from_syntax_are_roslyns_with_ids_exact_but_for_parameter_lists()
    {
        var checkedTypes = 0;
        foreach (var file in sample.Analysis.Workspace.Files)
        {
            var root = await sample.Analysis.Workspace.GetDocument(file).GetSyntaxRootAsync();
            var syntactic = SyntacticDeclarations.Collect(root!);
            var semantic = Full.Facts[Full.IndexOf(file.RelativePath)!.Value].Declarations;

            // IDs with parameter lists need the parameter types bound; every other ID must match exactly.
            static bool Exact(DeclaredSymbol d) => !d.Id.Contains('(', StringComparison.Ordinal);
            Assert.Equal(semantic.Where(Exact).Select(d => (d.Id, d.Name, d.Display, d.Line)).Order(), syntactic.Where(Exact).Select(d => (d.Id, d.Name, d.Display, d.Line)).Order());
            Assert.Equal(semantic.Where(d => !Exact(d)).Select(d => (d.Name, d.Line)).Order(), syntactic.Where(d => !Exact(d)).Select(d => (d.Name, d.Line)).Order());
            checkedTypes += semantic.Count(d => d.IsType);
        }
        Assert.True(checkedTypes >= 90, $"only {checkedTypes} types compared");
    }

    [Fact]
    public async Task Name_matching_finds_most_of_the_links_binding_finds()
    {
        var matched = await NameMatchedAsync();
        var full = Links(Full);
        var found = Links(matched);
        Assert.All(matched.Facts, f => Assert.True(f.NameMatched));

        var recall = full.Count(found.Contains) / (double)full.Count;
        var precision = found.Count(full.Contains) / (double)found.Count;
        Assert.True(recall >= 0.80, $"name matching found {recall:P0} of the {full.Count} file links");
        Assert.True(precision >= 0.80, $"only {precision:P0} of {found.Count} name-matched links are real");
        var service = matched.IndexOf(OrderService)!.Value;
        Assert.Contains(matched.Outgoing[service], e => matched.Paths[e.To].EndsWith("IOrderRepository.cs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_used_with_its_parameter_types_resolves_to_a_file_read_from_syntax()
    {
        // The semantic use names "M:...(System.String)"; the syntactic declaration cannot: the use
        // must still reach the declaring file, through its type.
        var matched = await NameMatchedAsync();
        var call = Full.Edges.First(e => e.Kind == EdgeKind.Calls && Full.Facts[e.To].Declarations.Any(d => d.Display == e.TargetDisplay && d.Id.Contains('(', StringComparison.Ordinal)));
        var target = Full.Paths[call.To];
        var mixed = Full.WithFacts(new Dictionary<string, DocumentFacts> { [target] = matched.Facts[matched.IndexOf(target)!.Value] });
        Assert.Contains(mixed.Edges, e => e.From == call.From && e.To == call.To && e.Kind == EdgeKind.Calls);
    }

    [Fact]
    public async Task The_symbol_at_the_cursor_is_found_in_files_read_from_syntax()
    {
        // A method with parameters: files read from syntax neither declare its exact ID nor use it by ID.
        var matched = await NameMatchedAsync();
        var (call, id, caller) = Full.Edges
            .Where(e => e.Kind == EdgeKind.Calls)
            .Select(e => (Edge: e, Id: Full.Facts[e.To].Declarations.FirstOrDefault(d => d.Display == e.TargetDisplay && d.Id.Contains('(', StringComparison.Ordinal))?.Id,
                Caller: matched.Facts[e.From]))
            .First(x => x.Id is not null && x.Caller.Uses.Any(u => u.TargetDisplay == x.Edge.TargetDisplay));
        var declaringPath = Full.Paths[call.To];
        var callerPath = Full.Paths[call.From];

        // The declaring file read from syntax: the cursor still seeds it, as its declarer.
        var declaringMatched = Full.WithFacts(new Dictionary<string, DocumentFacts> { [declaringPath] = matched.Facts[matched.IndexOf(declaringPath)!.Value] });
        var ranked = new Analyzers.Ranking.FileRanker(declaringMatched, sample.Analysis.History).Rank(new Analyzers.Ranking.RankRequest(callerPath) { CursorSymbolId = id });
        Assert.Contains(ranked.Single(r => r.Path == declaringPath).Reasons, r => r.StartsWith("declares ", StringComparison.Ordinal) && r.EndsWith("the symbol at the cursor", StringComparison.Ordinal));

        // The calling file read from syntax: the cursor still seeds it, as a user.
        var callerMatched = Full.WithFacts(new Dictionary<string, DocumentFacts> { [callerPath] = caller });
        ranked = new Analyzers.Ranking.FileRanker(callerMatched, sample.Analysis.History).Rank(new Analyzers.Ranking.RankRequest(declaringPath) { CursorSymbolId = id });
        Assert.Contains(ranked.Single(r => r.Path == callerPath).Reasons, r => r.StartsWith("uses ", StringComparison.Ordinal) && r.EndsWith("the symbol at the cursor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_codebase_under_the_focus_threshold_is_bound_whole_unless_a_focus_is_forced()
    {
        Assert.True(sample.Analysis.Workspace.Files.Count < Analyzers.Ranking.RankingWeights.Default.Focus.MinFiles);
        var auto = await CodebaseAnalysis.OpenAsync(RepositoryPaths.Shop, new LoadOptions { Focus = new AnalysisFocus([OrderService]) }, cache: null);
        Assert.Equal(0, auto.NameMatchedFiles);

        var forced = await CodebaseAnalysis.OpenAsync(RepositoryPaths.Shop, new LoadOptions { Focus = new AnalysisFocus([]) { Always = true } }, cache: null);
        Assert.Equal(forced.Workspace.Files.Count, forced.NameMatchedFiles); // no request: nothing to bind for
        var bound = await forced.BindAsync([OrderService]);
        Assert.Equal(forced.NameMatchedFiles - 1, bound.NameMatchedFiles);
        Assert.Equal(forced.Workspace.Files.Count, forced.NameMatchedFiles); // the earlier snapshot is unchanged
    }

    [Fact]
    public async Task A_focused_open_binds_the_top_of_the_ranking_and_a_full_one_binds_only_the_rest()
    {
        var cache = new CacheDirectory(_cacheRoot.Root);
        var focused = await CodebaseAnalysis.OpenAsync(RepositoryPaths.Shop, new LoadOptions { Focus = new AnalysisFocus([OrderService]) { Always = true } }, cache);
        var graph = focused.Graph;
        var bound = graph.Facts.Count(f => !f.NameMatched);
        Assert.False(graph.Facts[graph.IndexOf(OrderService)!.Value].NameMatched);
        Assert.InRange(bound, 2, 2 * 33);
        Assert.True(graph.Count - bound >= 30, $"{bound} of {graph.Count} files bound: the focus bound nearly everything");

        // The top of the focused ranking is the full analysis's.
        var top = (await focused.RankAsync(OrderService, null, [], null, 10)).Ranked.Select(r => r.Path);
        var fullTop = (await sample.Analysis.RankAsync(OrderService, null, [], null, 10)).Ranked.Select(r => r.Path);
        Assert.True(top.Intersect(fullTop).Count() >= 8, $"focused top 10: {string.Join(", ", top)}; full: {string.Join(", ", fullTop)}");

        // A full open binds what was only matched by name, and ends with the full analysis's graph.
        var full = await CodebaseAnalysis.OpenAsync(RepositoryPaths.Shop, new LoadOptions(), cache);
        Assert.Equal(graph.Count - bound, full.GraphStats.Analyzed);
        Assert.Equal(Full.Edges, full.Graph.Edges);

        // Then a focused open finds everything bound and binds nothing.
        var again = await CodebaseAnalysis.OpenAsync(RepositoryPaths.Shop, new LoadOptions { Focus = new AnalysisFocus([OrderService]) { Always = true } }, cache);
        Assert.Equal(0, again.GraphStats.Analyzed);
        Assert.DoesNotContain(again.Graph.Facts, f => f.NameMatched);
    }
}
