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
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var request in requests)
            {
                wanted.Add(request.ActivePath);
                wanted.UnionWith(request.Recent);
                wanted.UnionWith(ranker.Rank(request with { Top = weights.Focus.Files }).Select(r => r.Path));
            }

            var unbound = wanted.Where(p => graph.IndexOf(p) is { } at && graph.Facts[at].NameMatched).ToList();
            if (unbound.Count == 0) break;
            graph = await deepen(graph, unbound).ConfigureAwait(false);
        }

        return graph;
    }
}
