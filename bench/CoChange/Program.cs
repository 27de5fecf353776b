using System.Globalization;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;

// Co-change benchmark: for recent commits touching 2-8 C# files, each touched file is the active
// file and the other touched files are the answer. Recall@5/10/20 for the product's ranking, its
// ablations, BM25 over identifiers and a random baseline, all computed here on the same commits.
// The graph is built from the current tree (a commit's files must still exist); co-change history
// is cut at each evaluated commit so no method sees the answer.
//
// usage: CoChange <path to repo or solution> [--commits N] [--no-msbuild] [--focused]
// --focused adds rows for the focused analysis a cold `pack` runs (binding simulated from the full one).

var arguments = args.ToList();
if (arguments.Count == 0)
{
    Console.Error.WriteLine("usage: CoChange <path> [--commits N] [--no-msbuild]");
    return 2;
}
var path = arguments[0];
var maxCommits = arguments.IndexOf("--commits") is var c and >= 0 ? int.Parse(arguments[c + 1], CultureInfo.InvariantCulture) : 150;
var noMsBuild = arguments.Contains("--no-msbuild");

var analysis = await CodebaseAnalysis.OpenAsync(path, new LoadOptions { NoMsBuild = noMsBuild, Log = Console.Error }, CacheDirectory.Resolve());
var graph = analysis.Graph;
var history = analysis.History;

var commits = history.Commits
    .Where(commit => commit.Files.Count is >= 2 and <= 8)
    .Select(commit => (commit.Sha, Files: commit.Files.Where(f => graph.IndexOf(f) is not null).ToList()))
    .Where(commit => commit.Files.Count >= 2)
    .Take(maxCommits)
    .ToList();
Console.Error.WriteLine($"evaluating {commits.Count} commits ({commits.Sum(x => x.Files.Count)} active files) on {graph.Count} files");

var baseWeights = RankingWeights.Default;
var methods = new (string Name, RankingWeights Weights)[]
{
    ("BM25 over identifiers (baseline)", baseWeights with { SignalWeights = new SignalWeights(0, 1, 0) }),
    ("graph, forward only (Aider-style)", baseWeights with { ReverseFactor = 0, SignalWeights = new SignalWeights(1, 0, 0) }),
    ("graph, both directions", baseWeights with { SignalWeights = new SignalWeights(1, 0, 0) }),
    ("co-change history only", baseWeights with { SignalWeights = new SignalWeights(0, 0, 1) }),
    ("score fusion (max-scaled): graph + lexical + co-change", baseWeights with { Fusion = "max", SignalWeights = new SignalWeights(1, 0.25, 1.2) }),
    ("rank fusion: graph + lexical", baseWeights with { SignalWeights = baseWeights.SignalWeights with { CoChange = 0 } }),
    ("rank fusion: graph + lexical + co-change (default)", baseWeights),
};

int[] ks = [5, 10, 20];

if (arguments.Contains("--sweep"))
{
    // Parameter search for ranking-weights.json; report R@10 per setting, best last.
    var results = new List<(string, double)>();
    // Second round (after the max-fusion grid over damping/reverse/hub/lexical/co-change chose the
    // walk parameters): reciprocal rank fusion weights and k.
    foreach (var k in new[] { 5.0, 20.0, 60.0 })
    foreach (var lexical in new[] { 0.5, 1.0, 2.0 })
    foreach (var coChange in new[] { 0.5, 1.0, 2.0 })
    {
        var weights = baseWeights with { Fusion = "rrf", RrfK = k, SignalWeights = new SignalWeights(1, lexical, coChange) };
        var setting = $"rrf k {k} lexical {lexical} coChange {coChange}";
        var ranker = new FileRanker(graph, history, weights);
        double total = 0; var n = 0;
        foreach (var (sha, files) in commits)
        foreach (var active in files)
        {
            var answer = files.Where(f => f != active).ToHashSet(StringComparer.Ordinal);
            total += ranker.Rank(new RankRequest(active) { HistoryBefore = sha, Top = 10 }).Count(r => answer.Contains(r.Path)) / (double)answer.Count;
            n++;
        }
        results.Add((setting, total / n));
    }
    foreach (var (setting, recall) in results.OrderBy(r => r.Item2).TakeLast(15)) Console.WriteLine($"{recall:F3}  {setting}");
    return 0;
}
var random = new Random(20261129);
var rows = new List<(string Name, double[] Recall)>();
var randomRecall = new double[ks.Length];
var queries = 0;
foreach (var (name, weights) in methods)
{
    var ranker = new FileRanker(graph, history, weights);
    var recall = new double[ks.Length];
    queries = 0;
    foreach (var (sha, files) in commits)
    {
        foreach (var active in files)
        {
            var answer = files.Where(f => f != active).ToHashSet(StringComparer.Ordinal);
            var ranked = ranker.Rank(new RankRequest(active) { HistoryBefore = sha, Top = ks[^1] }).Select(r => r.Path).ToList();
            for (var k = 0; k < ks.Length; k++) recall[k] += ranked.Take(ks[k]).Count(answer.Contains) / (double)answer.Count;
            queries++;
        }
    }
    rows.Add((name, [.. recall.Select(r => r / Math.Max(1, queries))]));
}

if (arguments.Contains("--focused"))
{
    // A focused analysis (the default on a cold cache): every file matched by name, then the
    // top of each query's ranking bound. Binding is simulated by taking the file's facts from the
    // full analysis above, which is what binding it would give.
    var matched = (await SymbolGraphBuilder.BuildAsync(analysis.Workspace, cache: null, log: null, nameMatchMissing: true)).Graph;
    var semantic = graph.Paths.Select((p, i) => (p, graph.Facts[i])).ToDictionary(x => x.p, x => x.Item2, StringComparer.Ordinal);
    Console.Error.WriteLine($"name-matched graph: {matched.Edges.Count} edges; semantic graph: {graph.Edges.Count}");
    foreach (var (name, weights, bind) in new[]
    {
        ("focused analysis: names matched, nothing bound", baseWeights, false),
        ($"focused analysis: top {baseWeights.Focus.Files} bound, {baseWeights.Focus.Rounds} rounds, at least {baseWeights.Focus.MinToBind} a round (default)", baseWeights, true),
        ("focused analysis: top 32 bound, 2 rounds, any number a round", baseWeights with { Focus = new FocusParameters(32, 2, 1, 0) }, true),
        ("focused analysis: top 64 bound, 2 rounds, at least 4", baseWeights with { Focus = new FocusParameters(64, 2, 4, 0) }, true),
        ("focused analysis: top 32 bound, 3 rounds, at least 8", baseWeights with { Focus = new FocusParameters(32, 3, 8, 0) }, true),
    })
    {
        var recall = new double[ks.Length];
        var bound = 0;
        var n = 0;
        foreach (var (sha, files) in commits)
        foreach (var active in files)
        {
            var answer = files.Where(f => f != active).ToHashSet(StringComparer.Ordinal);
            var request = new RankRequest(active) { HistoryBefore = sha };
            var focused = !bind ? matched : await FocusedAnalysis.RunAsync(matched, history, weights, [request],
                (current, paths) => Task.FromResult(current.WithFacts(paths.ToDictionary(p => p, p => semantic[p], StringComparer.Ordinal))));
            bound += focused.Facts.Count(f => !f.NameMatched);
            var ranked = new FileRanker(focused, history, weights).Rank(request with { Top = ks[^1] }).Select(r => r.Path).ToList();
            for (var k = 0; k < ks.Length; k++) recall[k] += ranked.Take(ks[k]).Count(answer.Contains) / (double)answer.Count;
            n++;
        }
        rows.Add(($"{name}; {bound / (double)Math.Max(1, n):F0} files bound per query", [.. recall.Select(r => r / Math.Max(1, n))]));
    }
}

foreach (var (_, files) in commits)
{
    foreach (var active in files)
    {
        var answer = files.Where(f => f != active).ToHashSet(StringComparer.Ordinal);
        var shuffled = graph.Paths.Where(p => p != active).OrderBy(_ => random.Next()).ToList();
        for (var k = 0; k < ks.Length; k++) randomRecall[k] += shuffled.Take(ks[k]).Count(answer.Contains) / (double)answer.Count;
    }
}
rows.Insert(0, ("random", [.. randomRecall.Select(r => r / Math.Max(1, queries))]));

Console.WriteLine($"| method | R@5 | R@10 | R@20 |");
Console.WriteLine("|---|---|---|---|");
foreach (var (name, recall) in rows)
    Console.WriteLine($"| {name} | {recall[0]:F3} | {recall[1]:F3} | {recall[2]:F3} |");
Console.WriteLine();
Console.WriteLine($"{commits.Count} commits, {queries} queries, {graph.Count} files in the graph");
return 0;
