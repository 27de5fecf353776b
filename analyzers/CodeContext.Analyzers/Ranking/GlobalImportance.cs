using System.Globalization;
using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// The ranking when there is no active file (summarize's whole-repository mode): PageRank over
/// the symbol graph with a restart vector of what matters globally (entry points, public surface,
/// recent churn, and a uniform base so every file can be reached), walking each use from user to
/// used, so a file many important files build on rises: centrality. Scores are on the scale
/// <see cref="FileRanker"/> uses (higher is more relevant); reasons say which signals lifted a file.
/// </summary>
public static class GlobalImportance
{
    public static IReadOnlyList<RankedFile> Rank(FileGraph graph, CoChangeHistory history, IReadOnlyDictionary<string, FileTraits> traits, GlobalImportanceWeights? weights = null)
    {
        weights ??= GlobalImportanceWeights.Default;
        var n = graph.Count;
        if (n == 0) return [];
        var trait = Enumerable.Range(0, n).Select(i => traits.GetValueOrDefault(graph.Paths[i]) ?? new FileTraits(false, 0, [])).ToArray();
        var churn = Churn(graph, history, weights);
        var shares = weights.SeedShares;
        var seeds = new double[n];
        Spread(seeds, Enumerable.Range(0, n).Select(_ => 1.0), shares.Base);
        Spread(seeds, trait.Select(t => t.EntryPoint ? 1.0 : 0), shares.EntryPoint);
        Spread(seeds, trait.Select(t => Math.Log(1 + t.PublicDeclarations)), shares.PublicSurface);
        Spread(seeds, churn, shares.Churn);
        for (var i = 0; i < n; i++)
        {
            if (graph.Facts[i].IsTest) seeds[i] *= weights.TestFactor;
        }

        var score = PersonalizedPageRank.Compute(ForwardWalk(graph), seeds, weights.Damping, weights.Iterations);
        for (var i = 0; i < n; i++)
        {
            if (graph.Facts[i].IsTest) score[i] *= weights.TestFactor;
        }

        return [.. Enumerable.Range(0, n)
            .OrderByDescending(i => score[i]).ThenBy(i => graph.Paths[i], StringComparer.Ordinal)
            .Select(i => new RankedFile(graph.Paths[i], Math.Round(score[i] * n, 6), Reasons(graph, i, trait[i], churn[i], weights)))];
    }

    /// <summary>Each file's recent churn: commits among the last few that touched it, sweeping ones counting little.</summary>
    private static double[] Churn(FileGraph graph, CoChangeHistory history, GlobalImportanceWeights weights)
    {
        var churn = new double[graph.Count];
        foreach (var commit in history.Commits.Take(weights.ChurnCommits))
        {
            if (commit.Files.Count > weights.MaxFilesPerCommit) continue;
            foreach (var path in commit.Files)
            {
                if (graph.IndexOf(path) is { } i) churn[i] += 1.0 / Math.Sqrt(commit.Files.Count);
            }
        }

        return churn;
    }

    private static void Spread(double[] seeds, IEnumerable<double> signal, double share)
    {
        var values = signal.ToArray();
        var sum = values.Sum();
        if (sum <= 0) return;
        for (var i = 0; i < seeds.Length; i++) seeds[i] += share * values[i] / sum;
    }

    /// <summary>Uses from user to used, stronger for repeated uses; kinds count alike (centrality, not closeness).</summary>
    private static IReadOnlyList<IReadOnlyList<(int Target, double Weight)>> ForwardWalk(FileGraph graph) =>
        [.. graph.Outgoing.Select(edges => (IReadOnlyList<(int, double)>)[.. edges
            .Where(e => e.To != e.From)
            .GroupBy(e => e.To)
            .Select(g => (g.Key, g.Sum(e => 1 + Math.Log(e.Count))))])];

    private static List<string> Reasons(FileGraph graph, int i, FileTraits trait, double churn, GlobalImportanceWeights weights)
    {
        var c = CultureInfo.InvariantCulture;
        var reasons = new List<string>();
        if (trait.EntryPoint) reasons.Add("entry point (Main or top-level statements)");
        var users = graph.Incoming[i].Where(e => e.From != i).Select(e => e.From).Distinct().Count();
        if (users > 0) reasons.Add(string.Create(c, $"used by {users} file{(users == 1 ? "" : "s")} (centrality in the symbol graph)"));
        if (trait.PublicDeclarations > 0) reasons.Add(string.Create(c, $"public surface: {trait.PublicDeclarations} public types and members"));
        if (churn > 0) reasons.Add(string.Create(c, $"recent churn: changed in the last {weights.ChurnCommits} commits (weight {churn:0.##})"));
        if (graph.Facts[i].IsTest) reasons.Add("test code (weighted down)");
        if (reasons.Count == 0) reasons.Add("no global signal: ranked by the uniform base alone");
        return reasons;
    }
}
