using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Ranking;

/// <summary>The graph as PageRank walks it, built once per ranker and kept while the edges are the same.</summary>
internal static class RankingWalk
{
    /// <summary>
    /// The walk PageRank takes: each use as a forward edge (damped when the target is used by very
    /// many files, as a shared utility says little about any one of them) and the same use reversed,
    /// so that what depends on the active file is found as readily as what it depends on.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<(int, double)>> Build(FileGraph graph, RankingWeights weights)
    {
        var n = graph.Count;
        var pairs = new Dictionary<(int, int), double>();
        var users = graph.Incoming.Select(edges => edges.Select(e => e.From).Distinct().Count()).ToArray();
        foreach (var edge in graph.Edges)
        {
            var kindWeight = weights.EdgeWeights.GetValueOrDefault(edge.Kind, 1.0);
            var weight = kindWeight * (1 + Math.Log(edge.Count)) / (1 + weights.HubDamping * Math.Log(1 + users[edge.To]));
            pairs[(edge.From, edge.To)] = pairs.GetValueOrDefault((edge.From, edge.To)) + weight;
            if (weights.ReverseFactor > 0)
                pairs[(edge.To, edge.From)] = pairs.GetValueOrDefault((edge.To, edge.From)) + weight * weights.ReverseFactor;
        }
        var lists = Enumerable.Range(0, n).Select(_ => new List<(int, double)>()).ToArray();
        foreach (var ((from, to), weight) in pairs) lists[from].Add((to, weight));
        return lists;
    }

    /// <summary>Whether two graphs' edges give the same walk: the same edges, in order, of the same kinds and counts.</summary>
    public static bool SameEdges(FileGraph before, FileGraph after)
    {
        if (ReferenceEquals(before.Edges, after.Edges)) return true;
        if (before.Edges.Count != after.Edges.Count) return false;
        for (var i = 0; i < before.Edges.Count; i++)
        {
            var (a, b) = (before.Edges[i], after.Edges[i]);
            if (a.From != b.From || a.To != b.To || a.Kind != b.Kind || a.Count != b.Count) return false;
        }

        return true;
    }
}

/// <summary>
/// The last walk's scores and the restart vector they were computed for, shared by rankers over
/// the same walk: typing in the active file re-ranks with the same seeds, and the walk is most of
/// a ranking's arithmetic. Callers only read the scores.
/// </summary>
internal sealed class WalkMemo
{
    private Entry? _last;

    public double[] Scores(double[] seeds, Func<double[], double[]> compute)
    {
        if (Volatile.Read(ref _last) is { } last && last.Seeds.AsSpan().SequenceEqual(seeds)) return last.Scores;
        var scores = compute(seeds);
        Volatile.Write(ref _last, new Entry((double[])seeds.Clone(), scores));
        return scores;
    }

    private sealed record Entry(double[] Seeds, double[] Scores);
}
