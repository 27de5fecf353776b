using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Ranking;

namespace CodeContext.Bench.CoChange;

/// <summary>What history a method sees, and whether the commit's message is the question.</summary>
internal enum Variant
{
    /// <summary>No git history at all (a fresh download of the tree).</summary>
    NoHistory,

    /// <summary>History cut just before each evaluated commit.</summary>
    PerCommitCut,

    /// <summary>History cut before the oldest evaluated commit: co-change never sees any answer.</summary>
    StrictCut,

    /// <summary>The strict cut, with the commit's subject as the question (the task benchmark).</summary>
    TaskStrictCut,

    /// <summary>No history, with the commit's subject as the question.</summary>
    TaskNoHistory,

    /// <summary>The strict cut, with the cursor on the member the commit first changed in the active file.</summary>
    CursorStrictCut,
}

/// <summary>Mean recall@K of one ranking over the queries, for one variant.</summary>
internal static class Recall
{
    public static readonly int[] Ks = [5, 10, 20];

    public static double[] Measure(FileGraph graph, CoChangeHistory history, RankingWeights weights, IReadOnlyList<Query> queries, string oldestSha, Variant variant)
    {
        var seen = variant is Variant.NoHistory or Variant.TaskNoHistory ? CoChangeHistory.Empty : history;
        // A mix learned from history sees only commits older than the evaluated window.
        if (weights.MixLearning is not null)
        {
            weights = weights with { SignalWeights = SignalMixLearner.Fit(graph, seen, weights, seen == history ? oldestSha : null), MixLearning = null };
            Console.Error.WriteLine($"{variant}: learned {weights.SignalWeights}");
        }
        var ranker = new FileRanker(graph, seen, weights);
        var recall = new double[Ks.Length];
        foreach (var query in queries)
        {
            var request = new RankRequest(query.Active)
            {
                HistoryBefore = variant switch
                {
                    Variant.PerCommitCut => query.Sha,
                    Variant.StrictCut or Variant.TaskStrictCut or Variant.CursorStrictCut => oldestSha,
                    _ => null,
                },
                Query = variant is Variant.TaskStrictCut or Variant.TaskNoHistory && query.Message.Length > 0 ? query.Message : null,
                CursorSymbolId = variant is Variant.CursorStrictCut ? query.CursorId : null,
                Top = Ks[^1],
                WithoutReasons = true,
            };
            Add(recall, ranker.Rank(request).Select(r => r.Path).ToList(), query.Answer);
        }
        return [.. recall.Select(r => r / Math.Max(1, queries.Count))];
    }

    public static double[] Random(FileGraph graph, IReadOnlyList<Query> queries)
    {
        var random = new Random(20261129);
        var recall = new double[Ks.Length];
        foreach (var query in queries)
            Add(recall, graph.Paths.Where(p => p != query.Active).OrderBy(_ => random.Next()).Take(Ks[^1]).ToList(), query.Answer);
        return [.. recall.Select(r => r / Math.Max(1, queries.Count))];
    }

    public static void Add(double[] recall, IReadOnlyList<string> ranked, IReadOnlySet<string> answer)
    {
        for (var k = 0; k < Ks.Length; k++) recall[k] += ranked.Take(Ks[k]).Count(answer.Contains) / (double)answer.Count;
    }
}
