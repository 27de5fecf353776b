using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// Where a focused analysis spends its binding: rank with what is known, bind the name-matched
/// files the ranking puts at the top (and the request's own files), rank again with their exact
/// uses, for a few rounds. The rest keep their name-matched uses, which move a file's relevance
/// far less than they would cost to bind.
/// </summary>
public static class FocusedAnalysis
{
    /// <param name="deepen">Replaces the given files' name-matched facts by semantic ones (binds them, or, in benchmarks, looks them up).</param>
    public static async Task<FileGraph> RunAsync(
        FileGraph graph, CoChangeHistory history, RankingWeights weights, IReadOnlyList<RankRequest> requests, Func<FileGraph, IReadOnlyCollection<string>, Task<FileGraph>> deepen)
    {
        for (var round = 0; round < weights.Focus.Rounds; round++)
        {
            var ranker = new FileRanker(graph, history, weights);
            var own = new HashSet<string>(StringComparer.Ordinal);
            var top = new HashSet<string>(StringComparer.Ordinal);
            foreach (var request in requests)
            {
                own.Add(request.ActivePath);
                own.UnionWith(request.Recent);
                top.UnionWith(ranker.Rank(request with { Top = weights.Focus.Files }).Select(r => r.Path));
            }

            bool Unbound(string path) => graph.IndexOf(path) is { } at && graph.Facts[at].NameMatched;
            var unbound = own.Concat(top).Where(Unbound).Distinct(StringComparer.Ordinal).ToList();
            if (!own.Any(Unbound) && unbound.Count < weights.Focus.MinToBind) break;
            graph = await deepen(graph, unbound).ConfigureAwait(false);
        }

        return graph;
    }
}
