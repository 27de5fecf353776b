using System.Globalization;
using System.Text;
using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Ranking;

namespace CodeContext.Bench.CoChange;

/// <summary>
/// <c>--dump file</c>: each query's signals, one JSON line per query and history variant (the
/// answer's and each signal's top files by index into <c>file.paths</c>), so fusions can be studied
/// offline without ranking again. Besides the product's signals it writes the lexical and walk
/// variants round 4 tried (docs/benchmarks.md): BM25 restricted to the names the active file
/// declares, BM25 over a declared-names field, BM25 with rarity weighted again, the path signal
/// with repeated names shared out, and walks restarting from BM25's top files.
/// </summary>
internal static class Dump
{
    private const int TopPerSignal = 300;

    public static void Write(string file, FileGraph graph, CoChangeHistory history, IReadOnlyList<Query> queries, string oldestSha)
    {
        var weights = RankingWeights.Default with { SignalWeights = new SignalWeights(1, 1, 1) { Path = 1, RareLexical = 1 } };
        File.WriteAllLines(file + ".paths", graph.Paths);
        var extra = queries.Select(q => graph.IndexOf(q.Active)!.Value).Distinct().ToDictionary(a => a, new Variants(graph, weights).Of);
        using var writer = new StreamWriter(file);
        foreach (var variant in new[] { Variant.NoHistory, Variant.StrictCut, Variant.TaskNoHistory, Variant.TaskStrictCut })
        {
            var ranker = new FileRanker(graph, variant is Variant.NoHistory or Variant.TaskNoHistory ? CoChangeHistory.Empty : history, weights);
            foreach (var (query, index) in queries.Select((q, i) => (q, i)))
            {
                var request = new RankRequest(query.Active)
                {
                    HistoryBefore = variant is Variant.StrictCut or Variant.TaskStrictCut ? oldestSha : null,
                    Query = variant is Variant.TaskStrictCut or Variant.TaskNoHistory && query.Message.Length > 0 ? query.Message : null,
                    WithoutReasons = true,
                };
                var s = ranker.Measure(request, weights.SignalWeights);
                var line = new StringBuilder();
                line.Append(CultureInfo.InvariantCulture, $"{{\"v\":\"{variant}\",\"q\":{index},\"active\":{s.Active},\"answer\":[{string.Join(",", query.Answer.Select(a => graph.IndexOf(a)))}]");
                IEnumerable<(string, double[])> signals = [("graph", s.Graph), ("lexical", s.Lexical), ("lexidf", s.RareLexical), ("cochange", s.CoChange), ("path", s.Path), ("hints", s.Hints), .. extra[s.Active]];
                foreach (var (name, scores) in signals)
                {
                    var top = Enumerable.Range(0, scores.Length).Where(i => i != s.Active && scores[i] > 0).OrderByDescending(i => scores[i]).Take(TopPerSignal);
                    line.Append(CultureInfo.InvariantCulture, $",\"{name}\":[{string.Join(",", top.Select(i => $"[{i},{scores[i].ToString("G8", CultureInfo.InvariantCulture)}]"))}]");
                }
                writer.WriteLine(line.Append('}').ToString());
            }
        }
    }

    /// <summary>The signal variants tried offline, per active file (none depends on history or a question).</summary>
    private sealed class Variants(FileGraph graph, RankingWeights weights)
    {
        private readonly List<Dictionary<string, int>> _terms = [.. graph.Facts.Select(f => IdentifierTerms.Bag(f.Identifiers))];
        private readonly IReadOnlyList<IReadOnlyList<(int Target, double Weight)>> _walk = RankingWalk.Build(graph, weights);
        private readonly PathProximity _proximity = new(graph.Paths);
        private Bm25Index? _lexical;
        private Bm25Index? _declared;

        private Dictionary<string, int> DeclaredBag(int file) =>
            IdentifierTerms.Bag(graph.Facts[file].Declarations.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

        public (string, double[])[] Of(int active)
        {
            _lexical ??= new Bm25Index(_terms, weights.Bm25);
            _declared ??= new Bm25Index([.. Enumerable.Range(0, graph.Count).Select(DeclaredBag)], weights.Bm25);
            var query = Bm25Index.QueryFrom(_terms[active]);
            var own = DeclaredBag(active);
            var lexical = _lexical.Score(query);
            return
            [
                ("lexdecl", _lexical.Score(query.Where(t => own.ContainsKey(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal))),
                ("lexfield", _declared.Score(query)),
                ("pathrare", _proximity.Scores(active, new PathParameters(weights.FolderShare, RareNames: true, ProjectShare: 0.25))),
                ("lexwalk", LexicalWalk(active, lexical, share: 0.5, depth: 10)),
                ("lexwalk2", LexicalWalk(active, lexical, share: 0.3, depth: 5)),
            ];
        }

        /// <summary>The walk restarting partly from BM25's top files (their scores as shares) instead of the active file alone.</summary>
        private double[] LexicalWalk(int active, double[] lexical, double share, int depth)
        {
            var seeds = new double[graph.Count];
            seeds[active] = 1 - share;
            var top = Enumerable.Range(0, lexical.Length).Where(i => i != active && lexical[i] > 0).OrderByDescending(i => lexical[i]).Take(depth).ToList();
            var sum = top.Sum(i => lexical[i]);
            foreach (var i in top) seeds[i] += share * lexical[i] / sum;
            return PersonalizedPageRank.Compute(_walk, seeds, weights.Damping, weights.Iterations);
        }
    }
}
