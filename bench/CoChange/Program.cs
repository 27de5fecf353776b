using System.Globalization;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Bench.CoChange;
using CodeContext.Core;

// Co-change benchmark: for recent commits touching 2-8 C# files, each touched file is the active
// file and the other touched files are the answer (see Queries). Recall@10 of the product's
// ranking, its ablations and the baselines (BM25 over identifiers, BM25 fused with co-change),
// under each history variant (see Variant), all computed here on the same commits. The graph is
// built from the current tree (a commit's files must still exist).
//
// usage: CoChange <path to repo or solution> [--commits N] [--no-msbuild] [--weights a.json,b.json] [--quick] [--focused] [--cursor] [--dump file] [--misses]
// --weights adds a row for each candidate ranking-weights.json (comma-separated); --quick leaves out the ablation rows;
// --focused adds rows for the focused analysis a cold `pack` runs; --cursor adds a column with the cursor on the
// member each commit first changed (see Cursors); --dump writes each query's signals instead of ranking (see Dump);
// --misses says where the default ranking's missed answers are and what they are, instead of ranking (see Misses).

var arguments = args.ToList();
if (arguments.Count == 0)
{
    Console.Error.WriteLine("usage: CoChange <path> [--commits N] [--no-msbuild] [--weights a.json,b.json] [--quick] [--focused] [--cursor] [--dump file] [--misses]");
    return 2;
}
string? Option(string name) => arguments.IndexOf(name) is var at and >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : null;
var maxCommits = Option("--commits") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 150;
var quick = arguments.Contains("--quick");
var cursor = arguments.Contains("--cursor");

var analysis = await CodebaseAnalysis.OpenAsync(arguments[0], new LoadOptions { NoMsBuild = arguments.Contains("--no-msbuild"), Log = Console.Error }, CacheDirectory.Resolve());
var graph = analysis.Graph;
var history = analysis.History;
var (queries, commitCount, oldestSha) = Queries.From(graph, history, analysis.Workspace.RootDirectory, maxCommits);
if (cursor) queries = Cursors.WithCursors(queries, graph, analysis.Workspace.RootDirectory);
if (Option("--dump") is { } dumpFile)
{
    Dump.Write(dumpFile, graph, history, queries, oldestSha);
    return 0;
}
if (arguments.Contains("--misses"))
{
    Misses.Write(Console.Out, graph, history, queries, oldestSha);
    return 0;
}
Console.Error.WriteLine($"evaluating {commitCount} commits ({queries.Count} queries) on {graph.Count} files; strict cut before {oldestSha[..Math.Min(8, oldestSha.Length)]}");

var defaults = RankingWeights.Default;
// Baselines and ablations are fixed mixes: nothing learned, no extra rank list for hinted files.
var plain = defaults with { MixLearning = null, HintWeight = 0 };
var baselines = new (string Name, RankingWeights Weights)[]
{
    ("BM25 over identifiers (baseline)", plain with { SignalWeights = new SignalWeights(0, 1, 0) }),
    ("BM25 + co-change, rank fusion k 60 (baseline)", plain with { Fusion = "rrf", RrfK = 60, SignalWeights = new SignalWeights(0, 1, 1) }),
    ("BM25 + co-change, rank fusion k 5 (baseline)", plain with { Fusion = "rrf", RrfK = 5, SignalWeights = new SignalWeights(0, 1, 1) }),
};
var methods = new List<(string Name, RankingWeights Weights)>(baselines);
if (!quick)
{
    methods.Add(("graph, both directions", plain with { SignalWeights = new SignalWeights(1, 0, 0) }));
    methods.Add(("co-change history only", plain with { SignalWeights = new SignalWeights(0, 0, 1) }));
}
methods.Add(("codecontext (default)", defaults));
foreach (var candidatePath in Option("--weights")?.Split(',') ?? [])
{
    using var stream = File.OpenRead(candidatePath);
    methods.Add(($"candidate ({Path.GetFileName(candidatePath)})", RankingWeights.Load(stream)));
}

Variant[] variants = [Variant.NoHistory, Variant.PerCommitCut, Variant.StrictCut, Variant.TaskNoHistory, Variant.TaskStrictCut, .. cursor ? new[] { Variant.CursorStrictCut } : []];
var results = new Dictionary<(string, Variant), double[]>();
foreach (var (name, weights) in methods)
{
    foreach (var variant in variants)
    {
        // Without co-change in the mix every history variant ranks alike: measured once.
        var same = weights.SignalWeights.CoChange <= 0 && variant is Variant.PerCommitCut or Variant.StrictCut ? Variant.NoHistory
            : weights.SignalWeights.CoChange <= 0 && variant is Variant.TaskStrictCut ? Variant.TaskNoHistory
            // Without the walk or the hint list nothing reads the cursor.
            : variant is Variant.CursorStrictCut && weights.SignalWeights.Graph <= 0 && weights.HintWeight <= 0 ? Variant.StrictCut
            : variant;
        results[(name, variant)] = same != variant ? results[(name, same)] : Recall.Measure(graph, history, weights, queries, oldestSha, variant);
    }
}

Console.WriteLine($"| method | R@10 no history | R@10 per-commit cut | R@10 strict cut | task R@10, no history | task R@10, strict cut |{(cursor ? " cursor R@10, strict cut |" : "")} R@5 / R@20 strict cut |");
Console.WriteLine($"|---|---|---|---|---|---|{(cursor ? "---|" : "")}---|");
var random = Recall.Random(graph, queries);
Console.WriteLine($"| random |{string.Concat(variants.Select(_ => $" {random[1]:F3} |"))} {random[0]:F3} / {random[2]:F3} |");
foreach (var (name, _) in methods)
{
    var strict = results[(name, Variant.StrictCut)];
    Console.WriteLine($"| {name} | {string.Join(" | ", variants.Select(v => results[(name, v)][1].ToString("F3", CultureInfo.InvariantCulture)))} | {strict[0]:F3} / {strict[2]:F3} |");
}
if (arguments.Contains("--focused"))
{
    foreach (var (name, recall) in await Focused.RowsAsync(analysis, queries))
        Console.WriteLine($"| {name} | | {recall[1]:F3} | | | | |");
}

// The issue's goal: R@10 at least 1.25x the better baseline, that baseline given history cut
// before the evaluated window (for the no-history column too: it is the best a user gets for free).
double Best(Variant variant) => baselines.Max(b => results[(b.Name, variant)][1]);
string Ratio(string name, Variant variant, Variant baselineVariant) => (results[(name, variant)][1] / Math.Max(1e-9, Best(baselineVariant))).ToString("F2", CultureInfo.InvariantCulture) + "x";
Console.WriteLine();
Console.WriteLine($"{commitCount} commits, {queries.Count} queries, {graph.Count} files in the graph");
foreach (var (name, _) in methods.Skip(baselines.Length).Where(m => m.Name.StartsWith("codecontext", StringComparison.Ordinal) || m.Name.StartsWith("candidate", StringComparison.Ordinal)))
{
    Console.WriteLine($"{name}: vs best baseline {Best(Variant.StrictCut):F3}: no history {Ratio(name, Variant.NoHistory, Variant.StrictCut)}, strict cut {Ratio(name, Variant.StrictCut, Variant.StrictCut)}, " +
        $"per-commit cut {Ratio(name, Variant.PerCommitCut, Variant.PerCommitCut)}; task vs {Best(Variant.TaskStrictCut):F3}: no history {Ratio(name, Variant.TaskNoHistory, Variant.TaskStrictCut)}, strict cut {Ratio(name, Variant.TaskStrictCut, Variant.TaskStrictCut)}");
}
return 0;
