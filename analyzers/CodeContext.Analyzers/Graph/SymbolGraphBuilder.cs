using System.Collections.Concurrent;
using System.Diagnostics;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using Microsoft.CodeAnalysis;

namespace CodeContext.Analyzers.Graph;

/// <summary>How much of a graph build came from the cache.</summary>
public sealed record GraphBuildStats(int Analyzed, int Reused, TimeSpan Elapsed);

/// <summary>
/// The analyse stage: every context file's facts (from the cache when still valid, otherwise from
/// one walk of its semantic model, or, for a focused analysis, from name matching until the file
/// comes into focus), resolved into a file graph.
/// </summary>
public static class SymbolGraphBuilder
{
    public static async Task<(FileGraph Graph, GraphBuildStats Stats)> BuildAsync(
        LoadedWorkspace workspace, GraphCache? cache, TextWriter? log, Classification.ClassificationMemo? classified = null, CancellationToken cancellationToken = default, IProgress<(int Done, int Total)>? progress = null, bool nameMatchMissing = false)
    {
        var clock = Stopwatch.StartNew();
        var files = workspace.Files;
        var cached = cache?.Load(workspace.RootDirectory) ?? new Dictionary<string, DocumentFacts>(StringComparer.Ordinal);
        var priorIds = cached.Values.SelectMany(f => f.Declarations).Select(d => StaleKey(d.Id)).ToHashSet(StringComparer.Ordinal);
        var testProjects = TestProjectDetector.Find(workspace.Solution);

        var texts = new string[files.Count];
        await Parallel.ForAsync(0, files.Count, cancellationToken, async (i, ct) =>
        {
            var text = await workspace.GetDocument(files[i]).GetTextAsync(ct).ConfigureAwait(false);
            texts[i] = ContentHash.Of(text.ToString());
        }).ConfigureAwait(false);

        var facts = new DocumentFacts?[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            // A full analysis binds what an earlier focused one only matched by name.
            if (cached.TryGetValue(files[i].RelativePath, out var entry) && entry.TextHash == texts[i] && entry.IsTest == testProjects.Contains(files[i].ProjectId)
                && (nameMatchMissing || !entry.NameMatched))
                facts[i] = entry;
        }

        var depth = new Depth(nameMatchMissing, classified, Persist: true);
        var (complete, analyzed) = await CompleteAsync(workspace, facts, cached.Count > 0 ? (before, now) => StaleAgainst(priorIds, before, now) : null, testProjects, log, depth, cancellationToken, progress).ConfigureAwait(false);
        if (cache is not null && (analyzed > 0 || cached.Count != files.Count)) Save(cache, workspace, complete);

        var graph = EdgeResolver.Resolve([.. files.Select(f => f.RelativePath)], complete);
        var stats = new GraphBuildStats(analyzed, files.Count - analyzed, clock.Elapsed);
        var matched = complete.Count(f => f.NameMatched);
        log?.WriteLine($"codecontext: graph of {graph.Count} files, {graph.Edges.Count} edges ({stats.Analyzed} analysed, {stats.Reused} from cache{(matched > 0 ? $", {matched} matched by name" : "")}) in {stats.Elapsed.TotalMilliseconds:F0} ms");
        return (graph, stats);
    }

    /// <summary>
    /// The graph with the given files' name-matched facts replaced by a semantic walk (a focused
    /// analysis bringing them into focus). Their declarations are the same either way, so every
    /// other file's facts stay valid.
    /// </summary>
    public static async Task<FileGraph> DeepenAsync(
        LoadedWorkspace workspace, FileGraph graph, IReadOnlyCollection<string> paths, GraphCache? cache, TextWriter? log, Classification.ClassificationMemo? classified = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var deepen = paths.ToHashSet(StringComparer.Ordinal);
        var facts = workspace.Files
            .Select(f => graph.IndexOf(f.RelativePath) is { } i && !deepen.Contains(f.RelativePath) ? graph.Facts[i] : null)
            .ToArray();
        var testProjects = TestProjectDetector.Find(workspace.Solution);
        var analyzed = await AnalyzeMissingAsync(workspace, facts, testProjects, log, new Depth(NameMatch: false, classified, Persist: true), cancellationToken).ConfigureAwait(false);
        var complete = facts.Select(f => f!).ToList();
        if (cache is not null && analyzed > 0) Save(cache, workspace, complete);
        var deeper = graph.WithFacts(workspace.Files.Select((f, i) => (f.RelativePath, complete[i])).Where(x => deepen.Contains(x.RelativePath)).ToDictionary(x => x.RelativePath, x => x.Item2, StringComparer.Ordinal));
        log?.WriteLine($"codecontext: bound {analyzed} files in focus, graph of {deeper.Edges.Count} edges, in {clock.Elapsed.TotalMilliseconds:F0} ms");
        return deeper;
    }

    private static void Save(GraphCache cache, LoadedWorkspace workspace, IReadOnlyList<DocumentFacts> facts) =>
        cache.Save(workspace.RootDirectory, workspace.Files.Select((f, i) => (f.RelativePath, facts[i])).ToDictionary(x => x.RelativePath, x => x.Item2, StringComparer.Ordinal));

    /// <summary>How missing facts are made: by name matching or a semantic walk, classifying on the way when a memo is given (persisted or kept in memory).</summary>
    private sealed record Depth(bool NameMatch, Classification.ClassificationMemo? Classified, bool Persist);

    /// <summary>
    /// The graph after some files changed (edited text, created or deleted on disk): facts of every
    /// other file carry over from <paramref name="previous"/> unless the change made them stale.
    /// </summary>
    public static async Task<(FileGraph Graph, GraphBuildStats Stats)> UpdateAsync(
        LoadedWorkspace workspace, FileGraph previous, IReadOnlyCollection<string> changedPaths, TextWriter? log, Classification.ClassificationMemo? classified = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var changed = changedPaths.ToHashSet(StringComparer.Ordinal);
        var facts = workspace.Files
            .Select(f => changed.Contains(f.RelativePath) || previous.IndexOf(f.RelativePath) is not { } i ? null : previous.Facts[i])
            .ToArray();
        var testProjects = TestProjectDetector.Find(workspace.Solution);
        var trace = Core.Diagnostics.TraceSpans.Start();
        var (complete, analyzed) = await CompleteAsync(workspace, facts, (before, now) => IncrementalStaleness.Find(previous, before, now), testProjects, log, new Depth(NameMatch: false, classified, Persist: false), cancellationToken).ConfigureAwait(false);
        Core.Diagnostics.TraceSpans.Lap(trace, $"update: {analyzed} file(s) analysed");
        var graph = EdgeReuse.Resolve(previous, [.. workspace.Files.Select(f => f.RelativePath)], complete);
        Core.Diagnostics.TraceSpans.Lap(trace, $"update: {graph.Edges.Count} edges (kept: {ReferenceEquals(graph.Edges, previous.Edges)})");
        return (graph, new GraphBuildStats(analyzed, workspace.Files.Count - analyzed, clock.Elapsed));
    }

    /// <summary>
    /// Fills the missing facts, then re-analyses carried-over facts the change made stale: a reused
    /// file's uses stay right unless a symbol it used disappeared, or a new symbol appeared whose
    /// name it mentions (its identifiers may now bind to that symbol).
    /// </summary>
    private static async Task<(List<DocumentFacts> Facts, int Analyzed)> CompleteAsync(
        LoadedWorkspace workspace, DocumentFacts?[] facts, Func<DocumentFacts?[], DocumentFacts?[], IReadOnlyList<int>>? findStale, IReadOnlySet<ProjectId> testProjects, TextWriter? log, Depth depth, CancellationToken cancellationToken, IProgress<(int, int)>? progress = null)
    {
        var before = (DocumentFacts?[])facts.Clone();
        var analyzed = await AnalyzeMissingAsync(workspace, facts, testProjects, log, depth, cancellationToken, progress).ConfigureAwait(false);
        if (findStale?.Invoke(before, facts) is { Count: > 0 } stale)
        {
            foreach (var i in stale) facts[i] = null;
            analyzed += await AnalyzeMissingAsync(workspace, facts, testProjects, log, depth, cancellationToken).ConfigureAwait(false);
        }
        if (depth.NameMatch) await MatchNamesAsync(workspace, facts, [.. facts.Select((f, i) => !ReferenceEquals(f, before[i]))], cancellationToken).ConfigureAwait(false);
        return ([.. facts.Select(f => f!)], analyzed);
    }

    /// <summary>
    /// The carried-over facts (<paramref name="before"/> non-null) made stale against the declarations
    /// of <paramref name="priorIds"/> (as <see cref="StaleKey"/>s): a symbol they use disappeared, or
    /// a new symbol appeared whose name they mention.
    /// </summary>
    internal static List<int> StaleAgainst(HashSet<string> priorIds, DocumentFacts?[] before, DocumentFacts?[] facts)
    {
        var currentIds = facts.SelectMany(f => f!.Declarations).Select(d => StaleKey(d.Id)).ToHashSet(StringComparer.Ordinal);
        var added = facts.SelectMany(f => f!.Declarations).Where(d => !priorIds.Contains(StaleKey(d.Id))).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var stale = new List<int>();
        for (var i = 0; i < facts.Length; i++)
        {
            if (before[i] is null) continue; // analysed just now
            var f = facts[i]!;
            if (f.Uses.Any(u => priorIds.Contains(StaleKey(u.TargetId)) && !currentIds.Contains(StaleKey(u.TargetId))) || f.Identifiers.Keys.Any(added.Contains)) stale.Add(i);
        }

        return stale;
    }

    /// <summary>
    /// A symbol as staleness sees it: its ID without the parameter list, which a file read from
    /// syntax cannot write exactly; binding that file must not look like new declarations appearing
    /// (overloads of one name live in one type, so file edges do not tell them apart anyway).
    /// </summary>
    internal static string StaleKey(string id) => DeclarationIndex.WithoutParameters(id);

    private static async Task<int> AnalyzeMissingAsync(
        LoadedWorkspace workspace, DocumentFacts?[] facts, IReadOnlySet<ProjectId> testProjects, TextWriter? log, Depth depth, CancellationToken cancellationToken, IProgress<(int, int)>? progress = null)
    {
        var missing = Enumerable.Range(0, facts.Length).Where(i => facts[i] is null).ToList();
        if (missing.Count == 0) return 0;
        var done = 0;
        var failures = new ConcurrentBag<string>();
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForEachAsync(missing, options, async (i, ct) =>
        {
            var file = workspace.Files[i];
            var document = workspace.GetDocument(file);
            var isTest = testProjects.Contains(file.ProjectId);
            try
            {
                if (depth.NameMatch)
                {
                    facts[i] = await DocumentAnalyzer.OutlineAsync(document, isTest, ct).ConfigureAwait(false);
                }
                else
                {
                    var (fileFacts, spans) = await DocumentAnalyzer.AnalyzeAsync(document, isTest, classify: depth.Classified is not null, ct).ConfigureAwait(false);
                    facts[i] = fileFacts;
                    // Only the load's walk writes spans to disk; an edit's re-analysis keeps them in memory.
                    if (spans is not null) depth.Classified!.Put(file.RelativePath, spans.Value.Text, spans.Value.Spans, depth.Persist);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unanalysable file must not sink the run: it stays a node with no uses.
                failures.Add($"{file.RelativePath}: {e.Message}");
                facts[i] = new DocumentFacts { TextHash = "", IsTest = false, Declarations = [], Uses = [], Identifiers = [] };
            }
            var n = Interlocked.Increment(ref done);
            progress?.Report((n, missing.Count));
        }).ConfigureAwait(false);
        foreach (var failure in failures) log?.WriteLine($"codecontext: could not analyse {failure}");
        return missing.Count;
    }

    /// <summary>
    /// Fills the uses of every file outlined in this build by name matching, once all declarations
    /// are known (a name can only be matched against the whole codebase's declarations).
    /// </summary>
    private static async Task MatchNamesAsync(LoadedWorkspace workspace, DocumentFacts?[] facts, bool[] outlined, CancellationToken cancellationToken)
    {
        var index = new DeclarationIndex(facts);
        var globalUsings = new ConcurrentDictionary<ProjectId, IReadOnlySet<string>>();
        await Parallel.ForEachAsync(Enumerable.Range(0, facts.Length), cancellationToken, async (i, ct) =>
        {
            if (!outlined[i] || facts[i] is not { NameMatched: true } outline) return;
            var file = workspace.Files[i];
            var document = workspace.GetDocument(file);
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root is null) return;
            if (!globalUsings.TryGetValue(file.ProjectId, out var usings))
                usings = globalUsings.GetOrAdd(file.ProjectId, await NameMatchedUses.GlobalUsingsAsync(document.Project, ct).ConfigureAwait(false));
            facts[i] = outline with { Uses = NameMatchedUses.Find(root, i, index, usings) };
        }).ConfigureAwait(false);
    }
}
