using System.Globalization;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;
using CodeContext.Core.Diagnostics;
using CodeContext.Packing;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;

// Bundle quality at a budget. For recent commits touching 2-8 C# files, the first touched file is
// active and the other touched files are what the developer also needed. Per budget and profile:
// the share of those files the bundle carries legibly (text, L1, L2), in any form (text, outline,
// L1..L4), and the share a text-only fill of the same budget carries (whole files as text after the
// active file, in BM25 order and in the product's rank order). Co-change history is cut at each
// evaluated commit, so no method sees the answer.
//
// usage: BundleQuality <path> [--commits N] [--budgets 8000,16000,32000,64000]
//                      [--profiles deepseek-ocr-base,claude] [--no-msbuild] [--detail FILE]
// --detail writes, per query and budget, each answer file not carried legibly: its rank among the
// bundle's files, relevance, form, tokens, what a perfect tail would cost (every file ranked at or
// above it that the bundle left out, at the densest planned level's measured compression) and the
// planner's why (what a miss is: rank or budget).

var arguments = args.ToList();
if (arguments.Count == 0)
{
    Console.Error.WriteLine("usage: BundleQuality <path> [--commits N] [--budgets a,b] [--profiles p,q] [--breadth-share s] [--breadth-fidelity f] [--no-msbuild]");
    return 2;
}

string Option(string name, string fallback) => arguments.IndexOf(name) is var i and >= 0 ? arguments[i + 1] : fallback;
var maxCommits = int.Parse(Option("--commits", "30"), CultureInfo.InvariantCulture);
var budgets = Option("--budgets", "8000,16000,32000,64000").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
var profiles = Option("--profiles", "deepseek-ocr-base,claude").Split(',');
var detailPath = arguments.Contains("--detail") ? Option("--detail", "") : null;
using var detail = detailPath is null ? null : new StreamWriter(detailPath);
double? breadth = arguments.Contains("--breadth-share") ? double.Parse(Option("--breadth-share", "0"), CultureInfo.InvariantCulture) : null;
double? breadthWorth = arguments.Contains("--breadth-fidelity") ? double.Parse(Option("--breadth-fidelity", "0"), CultureInfo.InvariantCulture) : null;

var cache = CacheDirectory.Resolve();
var analysis = await CodebaseAnalysis.OpenAsync(arguments[0], new LoadOptions { NoMsBuild = arguments.Contains("--no-msbuild"), Log = TextWriter.Null }, cache);
var graph = analysis.Graph;
var contextFiles = analysis.Workspace.Files.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
var queries = analysis.History.Commits
    .Where(commit => commit.Files.Count is >= 2 and <= 8)
    .Select(commit => (commit.Sha, Files: commit.Files.Where(contextFiles.Contains).Where(f => graph.IndexOf(f) is not null).ToList()))
    .Where(commit => commit.Files.Count >= 2)
    .Take(maxCommits)
    .Select(commit => (commit.Sha, Active: commit.Files[0], Answer: commit.Files.Skip(1).ToHashSet(StringComparer.Ordinal)))
    .ToList();
Console.Error.WriteLine($"{queries.Count} queries on {contextFiles.Count} files");

var bm25 = new FileRanker(graph, analysis.History, RankingWeights.Default with { SignalWeights = new SignalWeights(0, 1, 0) });
var product = new FileRanker(graph, analysis.History);
var texts = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var file in analysis.Workspace.Files)
{
    texts[file.RelativePath] = (await analysis.Workspace.GetDocument(file).GetTextAsync()).ToString();
}

Console.WriteLine($"# bundle quality: {Path.GetFileName(Path.GetFullPath(arguments[0]).TrimEnd('/'))}, {queries.Count} co-change queries, {contextFiles.Count} files");
Console.WriteLine();
Console.WriteLine("| profile | budget | bundle: legible | bundle: any form | text only, BM25 order | text only, rank order | legible / best text fill | effective compression | over budget | files: text / L1-L2 / L3-L4 / outline / left out |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var profileId in profiles)
{
    var profile = ProfileCatalog.Get(profileId);
    var tokenizer = TokenizerCatalog.Get(profile.Tokenizer);
    var session = new ComposeSession(cache);
    session.Prepare(profileId);
    // The densest planned level's measured compression: what a perfect tail would pay per source token.
    var densest = profile.Levels.Values.Where(l => l.Planned && l.MeasuredCompression is not null).Select(l => l.MeasuredCompression!.Value).DefaultIfEmpty(1).Max();
    var costs = texts.ToDictionary(t => t.Key, t => tokenizer.CountTokens(t.Value), StringComparer.Ordinal);
    foreach (var budget in budgets)
    {
        double legible = 0, any = 0, bm25Fill = 0, rankFill = 0, compression = 0;
        var over = 0;
        // Files (not slices) per form, summed over queries: where the budget went, and how much was left out.
        var formCounts = new double[5];
        foreach (var (sha, active, answer) in queries)
        {
            var package = await new ContextComposer(cache, session, StderrLogger.ForPlan()).ComposeAsync(analysis, new ComposeRequest(active) { Budget = budget, Profile = profileId, HistoryBefore = sha, BreadthShare = breadth, BreadthFidelity = breadthWorth }, CancellationToken.None);
            var forms = package.Manifest.Files.ToDictionary(f => f.Path, f => f.Form, StringComparer.Ordinal);
            if (detail is not null)
            {
                var byRank = package.Manifest.Files.Where(f => f.Path != active).OrderByDescending(f => f.Relevance).DistinctBy(f => f.Path).ToList();
                var ranked = byRank.Select(f => f.Path).ToList();
                var legibleCount = package.Manifest.Files.Count(f => f.Path != active && f.Form is "text" or "L1" or "L2");
                foreach (var file in package.Manifest.Files.Where(f => answer.Contains(f.Path) && f.Form is not ("text" or "L1" or "L2")))
                {
                    // What carrying this file and every file ranked above it that the bundle left out would cost at the densest level.
                    var tail = byRank.Take(ranked.IndexOf(file.Path) + 1).Where(f => f.Form is "excluded" or "listed").Sum(f => f.SourceTokens ?? 0) / densest;
                    detail.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{profileId}\t{budget}\t{sha[..8]}\t{active}\t{file.Path}\trank {ranked.IndexOf(file.Path) + 1}/{ranked.Count}\tlegible files {legibleCount}\trel {file.Relevance:F3}\t{file.Form}\t{file.Tokens}/{file.SourceTokens}\tperfect tail {tail:F0}\t{file.Why}"));
                }
            }

            legible += answer.Count(f => forms.GetValueOrDefault(f) is "text" or "L1" or "L2") / (double)answer.Count;
            any += answer.Count(f => forms.GetValueOrDefault(f) is "text" or "outline" or "L1" or "L2" or "L3" or "L4") / (double)answer.Count;
            compression += package.Manifest.Totals.EffectiveCompression;
            foreach (var file in package.Manifest.Files.Where(f => f.Path != active))
            {
                formCounts[file.Form switch { "text" => 0, "L1" or "L2" => 1, "L3" or "L4" => 2, "outline" => 3, _ => 4 }]++;
            }

            if (package.Manifest.Totals.Total > budget) over++;
            var left = budget - costs[active];
            bm25Fill += TextFill(bm25, active, sha, left, answer, costs);
            rankFill += TextFill(product, active, sha, left, answer, costs);
        }

        var n = Math.Max(1, queries.Count);
        var best = Math.Max(bm25Fill, rankFill) / n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {profileId} | {budget} | {legible / n:F3} | {any / n:F3} | {bm25Fill / n:F3} | {rankFill / n:F3} | {(best == 0 ? double.PositiveInfinity : legible / n / best):F2}x | {compression / n:F1}x | {over} | {string.Join(" / ", formCounts.Select(f => (f / n).ToString("F0", CultureInfo.InvariantCulture)))} |"));
    }
}

return 0;

// Whole files as text in the ranker's order until the budget is spent; the share of the answer carried.
double TextFill(FileRanker ranker, string active, string sha, int left, HashSet<string> answer, Dictionary<string, int> costs)
{
    var carried = 0;
    foreach (var ranked in ranker.Rank(new RankRequest(active) { HistoryBefore = sha }))
    {
        if (!costs.TryGetValue(ranked.Path, out var cost) || cost > left) continue;
        left -= cost;
        if (answer.Contains(ranked.Path)) carried++;
        if (left <= 0) break;
    }

    return carried / (double)answer.Count;
}
