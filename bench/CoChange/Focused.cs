using CodeContext.Analyzers;
using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Ranking;

namespace CodeContext.Bench.CoChange;

/// <summary>
/// Rows for the focused analysis a cold `pack` runs: every file matched by name, then the top of
/// each query's ranking bound. Binding is simulated by taking the file's facts from the full
/// analysis, which is what binding it would give. History is cut before each evaluated commit.
/// </summary>
internal static class Focused
{
    public static async Task<List<(string Name, double[] Recall)>> RowsAsync(CodebaseAnalysis analysis, IReadOnlyList<Query> queries)
    {
        var graph = analysis.Graph;
        var history = analysis.History;
        var baseWeights = RankingWeights.Default;
        var matched = (await SymbolGraphBuilder.BuildAsync(analysis.Workspace, cache: null, log: null, nameMatchMissing: true)).Graph;
        var semantic = graph.Paths.Select((p, i) => (p, graph.Facts[i])).ToDictionary(x => x.p, x => x.Item2, StringComparer.Ordinal);
        Console.Error.WriteLine($"name-matched graph: {matched.Edges.Count} edges; semantic graph: {graph.Edges.Count}");
        var rows = new List<(string, double[])>();
        foreach (var (name, weights, bind) in new[]
        {
            ("focused analysis: names matched, nothing bound", baseWeights, false),
            ($"focused analysis: top {baseWeights.Focus.Files} bound, {baseWeights.Focus.Rounds} rounds, at least {baseWeights.Focus.MinToBind} a round (default)", baseWeights, true),
            ("focused analysis: top 64 bound, 2 rounds, at least 4", baseWeights with { Focus = new FocusParameters(64, 2, 4, 0) }, true),
        })
        {
            var recall = new double[Recall.Ks.Length];
            var bound = 0;
            foreach (var query in queries)
            {
                var request = new RankRequest(query.Active) { HistoryBefore = query.Sha };
                var focused = !bind ? matched : await FocusedAnalysis.RunAsync(matched, history, weights, [request],
                    (current, paths) => Task.FromResult(current.WithFacts(paths.ToDictionary(p => p, p => semantic[p], StringComparer.Ordinal))));
                bound += focused.Facts.Count(f => !f.NameMatched);
                var ranked = new FileRanker(focused, history, weights).Rank(request with { Top = Recall.Ks[^1] }).Select(r => r.Path).ToList();
                Recall.Add(recall, ranked, query.Answer);
            }
            rows.Add(($"{name}; {bound / (double)Math.Max(1, queries.Count):F0} files bound per query", [.. recall.Select(r => r / Math.Max(1, queries.Count))]));
        }
        return rows;
    }
}
