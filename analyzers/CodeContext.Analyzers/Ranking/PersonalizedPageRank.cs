namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// Power iteration of PageRank with a personalisation (restart) vector over a weighted directed
/// graph. Mass of nodes without out-edges returns to the personalisation, so nothing leaks.
/// </summary>
public static class PersonalizedPageRank
{
    /// <param name="outEdges">Per node: (target, weight), weights positive.</param>
    /// <param name="personalization">Non-negative; normalised here.</param>
    /// <param name="damping">Probability of following an edge rather than restarting.</param>
    public static double[] Compute(IReadOnlyList<IReadOnlyList<(int Target, double Weight)>> outEdges, double[] personalization, double damping, int iterations)
    {
        var n = outEdges.Count;
        var restart = Normalize(personalization);
        var totals = outEdges.Select(edges => edges.Sum(e => e.Weight)).ToArray();
        var rank = (double[])restart.Clone();
        var next = new double[n];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(next);
            var dangling = 0.0;
            for (var node = 0; node < n; node++)
            {
                if (totals[node] <= 0) { dangling += rank[node]; continue; }
                var share = damping * rank[node] / totals[node];
                foreach (var (target, weight) in outEdges[node]) next[target] += share * weight;
            }
            var restartMass = (1 - damping) + damping * dangling;
            for (var node = 0; node < n; node++) next[node] += restartMass * restart[node];
            (rank, next) = (next, rank);
        }
        return rank;
    }

    private static double[] Normalize(double[] vector)
    {
        var sum = vector.Sum();
        if (sum <= 0) return [.. vector.Select(_ => 1.0 / vector.Length)];
        return [.. vector.Select(v => v / sum)];
    }
}
