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
/// one walk of its semantic model), resolved into a file graph.
/// </summary>
public static class SymbolGraphBuilder
{
    public static async Task<(FileGraph Graph, GraphBuildStats Stats)> BuildAsync(
        LoadedWorkspace workspace, GraphCache? cache, TextWriter? log, Classification.ClassificationMemo? classified = null, CancellationToken cancellationToken = default, IProgress<(int Done, int Total)>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var files = workspace.Files;
        var cached = cache?.Load(workspace.RootDirectory) ?? new Dictionary<string, DocumentFacts>(StringComparer.Ordinal);
        var priorIds = cached.Values.SelectMany(f => f.Declarations).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
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
            if (cached.TryGetValue(files[i].RelativePath, out var entry) && entry.TextHash == texts[i] && entry.IsTest == testProjects.Contains(files[i].ProjectId))
                facts[i] = entry;
        }

        var (complete, analyzed) = await CompleteAsync(workspace, facts, priorIds, cached.Count > 0, testProjects, log, (classified, true), cancellationToken, progress).ConfigureAwait(false);
        if (cache is not null && (analyzed > 0 || cached.Count != files.Count))
            cache.Save(workspace.RootDirectory, files.Select((f, i) => (f.RelativePath, complete[i])).ToDictionary(x => x.RelativePath, x => x.Item2, StringComparer.Ordinal));

        var graph = EdgeResolver.Resolve([.. files.Select(f => f.RelativePath)], complete);
        var stats = new GraphBuildStats(analyzed, files.Count - analyzed, clock.Elapsed);
        log?.WriteLine($"codecontext: graph of {graph.Count} files, {graph.Edges.Count} edges ({stats.Analyzed} analysed, {stats.Reused} from cache) in {stats.Elapsed.TotalMilliseconds:F0} ms");
        return (graph, stats);
    }

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
        var priorIds = previous.Facts.SelectMany(f => f.Declarations).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var testProjects = TestProjectDetector.Find(workspace.Solution);
        var (complete, analyzed) = await CompleteAsync(workspace, facts, priorIds, checkStale: true, testProjects, log, (classified, false), cancellationToken).ConfigureAwait(false);
        var graph = EdgeResolver.Resolve([.. workspace.Files.Select(f => f.RelativePath)], complete);
        return (graph, new GraphBuildStats(analyzed, workspace.Files.Count - analyzed, clock.Elapsed));
    }

    /// <summary>
    /// Fills the missing facts, then re-analyses carried-over facts the change made stale: a reused
    /// file's uses stay right unless a symbol it used disappeared, or a new symbol appeared whose
    /// name it mentions (its identifiers may now bind to that symbol).
    /// </summary>
    private static async Task<(List<DocumentFacts> Facts, int Analyzed)> CompleteAsync(
        LoadedWorkspace workspace, DocumentFacts?[] facts, HashSet<string> priorIds, bool checkStale, IReadOnlySet<ProjectId> testProjects, TextWriter? log, (Classification.ClassificationMemo? Memo, bool Persist) classified, CancellationToken cancellationToken, IProgress<(int, int)>? progress = null)
    {
        var carried = facts.Select(f => f is not null).ToArray();
        var analyzed = await AnalyzeMissingAsync(workspace, facts, testProjects, log, classified, cancellationToken, progress).ConfigureAwait(false);
        if (checkStale)
        {
            var currentIds = facts.SelectMany(f => f!.Declarations).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var added = facts.SelectMany(f => f!.Declarations).Where(d => !priorIds.Contains(d.Id)).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
            var stale = 0;
            for (var i = 0; i < facts.Length; i++)
            {
                if (!carried[i]) continue;
                var f = facts[i]!;
                if (f.Uses.Any(u => priorIds.Contains(u.TargetId) && !currentIds.Contains(u.TargetId)) || f.Identifiers.Keys.Any(added.Contains))
                {
                    facts[i] = null;
                    stale++;
                }
            }
            if (stale > 0) analyzed += await AnalyzeMissingAsync(workspace, facts, testProjects, log, classified, cancellationToken).ConfigureAwait(false);
        }
        return ([.. facts.Select(f => f!)], analyzed);
    }

    private static async Task<int> AnalyzeMissingAsync(
        LoadedWorkspace workspace, DocumentFacts?[] facts, IReadOnlySet<ProjectId> testProjects, TextWriter? log, (Classification.ClassificationMemo? Memo, bool Persist) classified, CancellationToken cancellationToken, IProgress<(int, int)>? progress = null)
    {
        var missing = Enumerable.Range(0, facts.Length).Where(i => facts[i] is null).ToList();
        if (missing.Count == 0) return 0;
        var done = 0;
        var failures = new ConcurrentBag<string>();
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForEachAsync(missing, options, async (i, ct) =>
        {
            var file = workspace.Files[i];
            try
            {
                var (fileFacts, spans) = await DocumentAnalyzer.AnalyzeAsync(workspace.GetDocument(file), testProjects.Contains(file.ProjectId), classify: classified.Memo is not null, ct).ConfigureAwait(false);
                facts[i] = fileFacts;
                // Only the load's walk writes spans to disk; an edit's re-analysis keeps them in memory.
                if (spans is not null) classified.Memo!.Put(file.RelativePath, spans.Value.Text, spans.Value.Spans, classified.Persist);
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
}
