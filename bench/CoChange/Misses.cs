using System.Globalization;
using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Ranking;

namespace CodeContext.Bench.CoChange;

/// <summary>
/// <c>--misses</c>: where the answers the default ranking leaves out of its top 10 are, and what
/// they are (round 5, docs/benchmarks.md). For each missed answer: its place in the fused ranking,
/// its best place in any one rank list (does any signal place it at all?), whether it shares the
/// active file's folder, pairs a test with a non-test file, changed at all before the cut, or is one
/// of the most changed files; then the files missed most often, and what an oracle could pick from
/// the lists' top files. Without history and with the strict cut.
/// </summary>
internal static class Misses
{
    private const int RecallAt = 10;
    private const int Pool = 50;
    private static readonly int[] OracleDepths = [10, 30, 50];

    public static void Write(TextWriter output, FileGraph graph, CoChangeHistory history, IReadOnlyList<Query> queries, string oldestSha)
    {
        var weights = RankingWeights.Default with { MixLearning = null };
        var churn = history.Churn(oldestSha, 0);
        // The 10 % most changed files before the cut: a prior that knows nothing of the active file.
        var hot = churn.OrderByDescending(c => c.Value).Take(Math.Max(1, churn.Count / 10)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var variant in new[] { Variant.NoHistory, Variant.StrictCut })
        {
            var ranker = new FileRanker(graph, variant == Variant.NoHistory ? CoChangeHistory.Empty : history, weights);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var missedFiles = new Dictionary<string, (int Missed, int Asked)>(StringComparer.Ordinal);
            var answers = 0;
            var oracle = new double[OracleDepths.Length];
            foreach (var query in queries)
            {
                var request = new RankRequest(query.Active) { HistoryBefore = variant == Variant.StrictCut ? oldestSha : null, WithoutReasons = true };
                var signals = ranker.Measure(request, weights.SignalWeights);
                var order = Ranked(ranker.Fuse(signals, weights.SignalWeights), signals.Active, graph);
                double[][] lists = [signals.Graph, signals.Lexical, signals.RareLexical, signals.CoChange, signals.Path, signals.Hints];
                var listOrders = lists.Select(l => Ranked(l, signals.Active, graph)).ToList();
                // An oracle that picks the right ten from the union of the lists' top K: the most
                // any fusion or reranker of these lists over that pool could reach.
                for (var d = 0; d < OracleDepths.Length; d++)
                {
                    var depth = OracleDepths[d];
                    var inPool = query.Answer.Count(a => listOrders.Any(o => o.Take(depth).Contains(a)));
                    oracle[d] += Math.Min(inPool, RecallAt) / (double)query.Answer.Count;
                }
                foreach (var answer in query.Answer)
                {
                    answers++;
                    var place = order.IndexOf(answer);
                    var (missed, asked) = missedFiles.GetValueOrDefault(answer);
                    var hit = place is >= 0 and < RecallAt;
                    missedFiles[answer] = (missed + (hit ? 0 : 1), asked + 1);
                    if (hit) continue;
                    var best = listOrders.Select(o => o.IndexOf(answer)).Where(p => p >= 0).DefaultIfEmpty(int.MaxValue).Min();
                    Count(counts, "missed");
                    Count(counts, place < 0 ? "fused: not ranked" : place < 20 ? "fused: 11-20" : place < Pool ? "fused: 21-50" : "fused: below 50");
                    Count(counts, best < RecallAt ? "some list's top 10" : best < Pool ? "some list's top 50 (none's top 10)" : "no list's top 50");
                    if (Path.GetDirectoryName(answer) == Path.GetDirectoryName(query.Active)) Count(counts, "same folder as the active file");
                    if (IsTest(answer) != IsTest(query.Active)) Count(counts, "a test for a non-test active file, or the reverse");
                    if (!churn.ContainsKey(answer)) Count(counts, "no commit before the cut (added or first changed since)");
                    if (hot.Contains(answer)) Count(counts, "among the 10 % most changed files before the cut");
                }
            }
            output.WriteLine($"{variant}: {answers} answers, {answers - counts.GetValueOrDefault("missed")} in the top {RecallAt}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  oracle R@{RecallAt} from the union of the lists' top {string.Join(" / ", OracleDepths)}: {string.Join(" / ", oracle.Select(o => (o / Math.Max(1, queries.Count)).ToString("F3", CultureInfo.InvariantCulture)))}"));
            foreach (var (name, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {count} ({count / (double)answers:P0} of all answers)"));
            output.WriteLine("  missed most often (missed / times an answer):");
            foreach (var (path, (missed, asked)) in missedFiles.OrderByDescending(m => m.Value.Missed).ThenBy(m => m.Key, StringComparer.Ordinal).Take(10))
                output.WriteLine($"    {missed} / {asked}  {path}");
        }
    }

    /// <summary>Files by descending score, ties by path, as the product orders them; the active file and zero scores left out.</summary>
    private static List<string> Ranked(double[] scores, int active, FileGraph graph) =>
        [.. Enumerable.Range(0, scores.Length)
            .Where(i => i != active && scores[i] > 0)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => graph.Paths[i], StringComparer.Ordinal)
            .Select(i => graph.Paths[i])];

    // The benchmark's own coarse reading (a "test" anywhere in the path), not the product's role
    // detection: it only sorts misses into groups.
    private static bool IsTest(string path) => path.Contains("test", StringComparison.OrdinalIgnoreCase);

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
