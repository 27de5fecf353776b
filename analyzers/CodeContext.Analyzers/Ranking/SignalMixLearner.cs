using System.Text.Json;
using CodeContext.Analyzers.Graph;
using CodeContext.Core;
using CodeContext.Core.Caching;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// Learns which mix of signals suits this codebase from its own past: every recent commit that
/// touched a few files is a labelled query (each touched file active, the others the answer), free
/// of charge. Each candidate mix of ranking-weights.json is scored by recall@10 on those commits,
/// each with co-change history cut before it, and the best one is kept (the first, the shipped
/// mix, on a tie). Without enough history the shipped mix stays.
/// </summary>
public static class SignalMixLearner
{
    private const int RecallAt = 10;

    /// <summary>One small file per history head and graph, never trimmed (the cap was never meant for it).</summary>
    public static readonly CacheArea Area = new("mix", CacheEntryShape.File, Sharded: false, Trimmed: false, ".json");

    /// <summary>
    /// The learned weights, kept in the cache directory for the codebase's history and graph as
    /// they are: a warm load reads the mix instead of ranking its past commits again.
    /// </summary>
    public static RankingWeights Learn(FileGraph graph, CoChangeHistory history, RankingWeights weights, CacheDirectory? cache, TextWriter? log = null)
    {
        if (weights.MixLearning is null || history.Commits.Count == 0) return weights with { MixLearning = null };
        var key = ContentHash.Of($"{history.Commits[0].Sha}|{graph.Count}|{graph.Edges.Count}|{string.Join(';', graph.Paths)}|{JsonSerializer.Serialize(weights)}")[..24];
        var store = cache is null ? null : new CacheStore(cache, Area);
        // A damaged entry is only a slower load.
        if (store?.TryRead(key, bytes => JsonSerializer.Deserialize<SignalWeights>(bytes)) is { } cached)
            return weights with { SignalWeights = cached, MixLearning = null };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var learned = Fit(graph, history, weights);
        log?.WriteLine($"codecontext: learned the signal mix {learned} from recent commits in {clock.ElapsedMilliseconds} ms");
        store?.TryWrite(key, JsonSerializer.SerializeToUtf8Bytes(learned)); // an unwritable cache is only a slower next load
        return weights with { SignalWeights = learned, MixLearning = null };
    }

    /// <param name="before">Learn only from commits older than this one (benchmarks: never from the answers).</param>
    public static SignalWeights Fit(FileGraph graph, CoChangeHistory history, RankingWeights weights, string? before = null)
    {
        var learning = weights.MixLearning;
        if (learning is null || learning.Candidates.Count < 2) return weights.SignalWeights;
        var queries = LabelledQueries(graph, history, learning.Commits, before);
        if (queries.Count < learning.MinQueries) return weights.SignalWeights;

        // Every signal is measured once per query; only their fusion differs between candidates.
        var every = new SignalWeights(1, 1, 1) { Path = 1, Churn = 1, RareLexical = 1 };
        var ranker = new FileRanker(graph, history, weights);
        var measured = queries.Select(q => (q.Sha, Signals: ranker.Measure(new RankRequest(q.Active) { HistoryBefore = q.Sha }, every), q.Answer)).ToList();

        // The most recent commits are held out (they are the closest to what comes next): a mix
        // chosen on the older ones must also beat the shipped mix on them, or the shipped mix stays.
        var heldCommits = measured.Select(q => q.Sha).Distinct().ToList() is var shas && learning.HoldOut > 0
            ? shas.Take((int)Math.Ceiling(shas.Count * learning.HoldOut)).ToHashSet(StringComparer.Ordinal)
            : [];
        var train = measured.Where(q => !heldCommits.Contains(q.Sha)).ToList();
        var held = measured.Where(q => heldCommits.Contains(q.Sha)).ToList();
        double Score(SignalWeights mix, IReadOnlyList<(string Sha, Signals Signals, HashSet<string> Answer)> on) =>
            on.Average(q => Recall(ranker.Fuse(q.Signals, mix), q.Signals.Active, graph, q.Answer));

        var shipped = learning.Candidates[0];
        var best = shipped;
        var bestRecall = -1.0;
        foreach (var candidate in learning.Candidates)
        {
            var recall = Score(candidate, train);
            if (recall > bestRecall + learning.MinGain) (best, bestRecall) = (candidate, recall);
        }
        if (held.Count == 0 || best == shipped) return best;
        return Score(best, held) >= Score(shipped, held) + learning.MinGain ? best : shipped;
    }

    private static double Recall(double[] combined, int active, FileGraph graph, HashSet<string> answer) =>
        Enumerable.Range(0, combined.Length)
            .Where(i => i != active && combined[i] > 0)
            .OrderByDescending(i => combined[i])
            .ThenBy(i => graph.Paths[i], StringComparer.Ordinal)
            .Take(RecallAt)
            .Count(i => answer.Contains(graph.Paths[i])) / (double)answer.Count;

    private static List<(string Sha, string Active, HashSet<string> Answer)> LabelledQueries(FileGraph graph, CoChangeHistory history, int commits, string? before)
    {
        var start = 0;
        if (before is not null)
        {
            start = history.Commits.ToList().FindIndex(c => c.Sha.StartsWith(before, StringComparison.OrdinalIgnoreCase)) + 1;
            if (start == 0) return [];
        }
        return [.. history.Commits.Skip(start)
            .Where(commit => commit.Files.Count is >= 2 and <= 8)
            .Select(commit => (commit.Sha, Files: commit.Files.Where(f => graph.IndexOf(f) is not null).ToList()))
            .Where(commit => commit.Files.Count >= 2)
            .Take(commits)
            .SelectMany(commit => commit.Files.Select(active => (commit.Sha, active, commit.Files.Where(f => f != active).ToHashSet(StringComparer.Ordinal))))];
    }
}
