using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;
using CodeContext.Core.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers;

/// <summary>
/// Load, analyse and prepare ranking for one codebase: what every host (CLI commands, the server)
/// needs before it can answer anything. Each stage keeps its own entry; this only chains them.
/// </summary>
public sealed class CodebaseAnalysis
{
    private readonly Classification.ClassificationMemo? _classified;
    private readonly GraphCache? _graphCache;

    private CodebaseAnalysis(LoadedWorkspace workspace, FileGraph graph, GraphBuildStats stats, CoChangeHistory history, FileRanker ranker, Classification.ClassificationMemo? classified, GraphCache? graphCache)
    {
        _classified = classified;
        _graphCache = graphCache;
        Workspace = workspace;
        Graph = graph;
        GraphStats = stats;
        History = history;
        Ranker = ranker;
    }

    public LoadedWorkspace Workspace { get; }
    public FileGraph Graph { get; }
    public GraphBuildStats GraphStats { get; }
    public CoChangeHistory History { get; }
    public FileRanker Ranker { get; }

    /// <param name="cache">Null: no graph cache (every file is analysed).</param>
    public static async Task<CodebaseAnalysis> OpenAsync(string path, LoadOptions options, CacheDirectory? cache, CancellationToken cancellationToken = default)
    {
        var clock = TraceSpans.Start();
        var workspace = await WorkspaceLoader.LoadAsync(path, options with { Cache = options.Cache ?? cache }, cancellationToken).ConfigureAwait(false);
        TraceSpans.Lap(clock, $"open: loaded {workspace.Files.Count} files");
        var weights = RankingWeights.Default;
        var graphCache = cache is null ? null : new GraphCache(cache);
        // Binding a small codebase whole costs seconds at most: focus only where it saves more.
        var focus = options.Focus is { } asked && (asked.Always || workspace.Files.Count >= weights.Focus.MinFiles) ? asked : null;
        // Reading history is mostly waiting for git: it overlaps the graph build.
        var reading = Task.Run(() => CoChangeHistory.Read(workspace.RootDirectory, weights.CoChange, options.Log, cache), cancellationToken);
        var (graph, stats) = await SymbolGraphBuilder.BuildAsync(
            workspace, graphCache, options.Log, options.ClassifiedSpans, cancellationToken, Core.Progress.WorkProgress.Counting(options.Progress, "binding files"), nameMatchMissing: focus is not null).ConfigureAwait(false);
        TraceSpans.Lap(clock, $"open: graph of {graph.Count} files");
        var history = await reading.ConfigureAwait(false);
        // The codebase's own past commits say which signals it rewards (cached with the graph).
        weights = SignalMixLearner.Learn(graph, history, weights, cache, options.Log);
        if (focus is not null)
            graph = await FocusAsync(workspace, graph, history, weights, focus, graphCache, options, cancellationToken).ConfigureAwait(false);
        TraceSpans.Lap(clock, "open: history, weights and focus");
        return new CodebaseAnalysis(workspace, graph, stats, history, new FileRanker(graph, history, weights), options.ClassifiedSpans, graphCache);
    }

    private static async Task<FileGraph> FocusAsync(
        LoadedWorkspace workspace, FileGraph graph, CoChangeHistory history, RankingWeights weights, AnalysisFocus focus, GraphCache? cache, LoadOptions options, CancellationToken cancellationToken)
    {
        var requests = new List<RankRequest>();
        for (var i = 0; i < focus.ActiveFiles.Count; i++)
        {
            try
            {
                requests.Add((await RequestAsync(workspace, focus.ActiveFiles[i], i == 0 ? focus.Cursor : null, focus.Recent, focus.Query, top: null, cancellationToken).ConfigureAwait(false)).Request);
            }
            catch (UserError)
            {
                // That file's own request reports why; the focus serves the others.
            }
        }

        return await FocusedAnalysis.RunAsync(graph, history, weights, requests,
            (current, paths) => SymbolGraphBuilder.DeepenAsync(workspace, current, paths, cache, options.Log, options.ClassifiedSpans, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>How many files a focused analysis left matched by name (not bound yet).</summary>
    public int NameMatchedFiles => Graph.Facts.Count(f => f.NameMatched);

    /// <summary>
    /// The codebase with the given files bound (their name-matched facts replaced by a semantic
    /// walk's), saved to the cache: a long-lived host completes a focused load this way, in chunks,
    /// while it answers requests from the snapshot it has.
    /// </summary>
    public async Task<CodebaseAnalysis> BindAsync(IReadOnlyCollection<string> relativePaths, CancellationToken cancellationToken = default)
    {
        var graph = await SymbolGraphBuilder.DeepenAsync(Workspace, Graph, relativePaths, _graphCache, log: null, _classified, cancellationToken).ConfigureAwait(false);
        return new CodebaseAnalysis(Workspace, graph, GraphStats, History, Ranker.Updated(graph), _classified, _graphCache);
    }

    /// <summary>
    /// The codebase with one document's text replaced (unsaved editor text wins over the disk).
    /// Only that document, and documents its change made stale, are analysed again.
    /// </summary>
    public async Task<CodebaseAnalysis> WithDocumentTextAsync(string relativePath, string text, CancellationToken cancellationToken = default)
    {
        var file = Workspace.FindByRelativePath(relativePath)
            ?? throw new UserError($"'{relativePath}' is not a context file of the loaded codebase");
        // What no parser survives is refused before Roslyn sees it: the last analysable text stays.
        if (CodeContext.Core.Sources.NestingScreen.ReasonToSkip(text) is { } deep)
            throw new UserError($"'{relativePath}' is {deep}; its last analysable text is kept");
        // An editor's buffer enters by the same gate as the disk: masked before anything sees it.
        var clock = TraceSpans.Start();
        var solution = Workspace.Solution.WithDocumentText(file.DocumentId, Workspace.Sources.Admit(file.FullPath, text), PreservationMode.PreserveIdentity);
        var workspace = Workspace.With(solution, Workspace.Files);
        var sameTokens = await CommentOnlyEdit.IsAsync(Workspace.GetDocument(file), workspace.GetDocument(file), cancellationToken).ConfigureAwait(false);
        TraceSpans.Lap(clock, $"edit: admitted, parsed and compared tokens (same: {sameTokens})");
        if (sameTokens)
        {
            // Only comments or whitespace changed and every token kept its line: the document's
            // facts (declarations, uses and their lines, identifiers) are what they were, so the
            // graph and the ranker carry over. Typing a comment costs a parse, not an analysis.
            return new CodebaseAnalysis(workspace, Graph, GraphStats, History, Ranker, _classified, _graphCache);
        }

        return await UpdateAsync(workspace, [file.RelativePath], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The codebase after files changed on disk: changed files are re-read, deleted ones removed,
    /// new C# files added to the project whose folder holds them (if they may be context at all).
    /// </summary>
    public async Task<CodebaseAnalysis> WithFilesChangedOnDiskAsync(IEnumerable<string> fullPaths, CancellationToken cancellationToken = default)
    {
        var solution = Workspace.Solution;
        var files = Workspace.Files.ToList();
        var changed = new List<string>();
        foreach (var fullPath in fullPaths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (!RepoPath.IsUnder(Workspace.RootDirectory, fullPath) || !fullPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) continue;
            var relative = RepoPath.Relative(Workspace.RootDirectory, fullPath);
            var known = files.FirstOrDefault(f => f.RelativePath == relative);
            var skip = File.Exists(fullPath) ? Workspace.Filter.ReasonToSkip(fullPath) : "deleted";
            if (known is not null)
            {
                if (skip is null)
                {
                    solution = solution.WithDocumentText(known.DocumentId, Workspace.Sources.Read(fullPath));
                }
                else
                {
                    solution = solution.RemoveDocument(known.DocumentId);
                    files.Remove(known);
                }
                changed.Add(relative);
            }
            else if (skip is null && OwningProject(solution, fullPath) is { } project)
            {
                var id = DocumentId.CreateNewId(project.Id, fullPath);
                solution = solution.AddDocument(id, Path.GetFileName(fullPath), Workspace.Sources.Read(fullPath), filePath: fullPath);
                files.Add(new SourceFile(relative, fullPath, id, project.Id));
                changed.Add(relative);
            }
        }
        if (changed.Count == 0) return this;
        return await UpdateAsync(Workspace.With(solution, files), changed, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CodebaseAnalysis> UpdateAsync(LoadedWorkspace workspace, IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
    {
        var clock = TraceSpans.Start();
        var (graph, stats) = await SymbolGraphBuilder.UpdateAsync(workspace, Graph, changed, log: null, _classified, cancellationToken).ConfigureAwait(false);
        TraceSpans.Lap(clock, $"update: graph of {changed.Count} changed file(s), {stats.Analyzed} analysed");
        var sameFacts = SameFacts(Graph, graph);
        TraceSpans.Lap(clock, $"update: facts compared (same: {sameFacts})");
        if (sameFacts)
        {
            // Editing inside a member without changing what it declares or uses (a literal, an
            // expression over the same names) leaves every edge and term as it was: the ranker,
            // and the rankings it has given, stay valid.
            return new CodebaseAnalysis(workspace, Graph, stats, History, Ranker, _classified, _graphCache);
        }

        var ranker = Ranker.Updated(graph);
        TraceSpans.Lap(clock, "update: ranker updated");
        return new CodebaseAnalysis(workspace, graph, stats, History, ranker, _classified, _graphCache);
    }

    /// <summary>Same files in the same order, each declaring, using and naming the same things on the same lines (content hashes aside).</summary>
    private static bool SameFacts(FileGraph before, FileGraph after)
    {
        if (before.Count != after.Count) return false;
        for (var i = 0; i < before.Count; i++)
        {
            var (a, b) = (before.Facts[i], after.Facts[i]);
            if (ReferenceEquals(a, b)) continue;
            if (before.Paths[i] != after.Paths[i] || a.IsTest != b.IsTest
                || !a.Declarations.SequenceEqual(b.Declarations) || !a.Uses.SequenceEqual(b.Uses)
                || a.Identifiers.Count != b.Identifiers.Count
                || a.Identifiers.Any(pair => !b.Identifiers.TryGetValue(pair.Key, out var count) || count != pair.Value))
                return false;
        }

        return true;
    }

    /// <summary>The project whose folder most closely holds the file (a new file joins it).</summary>
    private static Project? OwningProject(Solution solution, string fullPath) => solution.Projects
        .Where(p => p.FilePath is not null && RepoPath.IsUnder(Path.GetDirectoryName(p.FilePath)!, fullPath))
        .OrderByDescending(p => p.FilePath!.Length)
        .FirstOrDefault();

    /// <summary>Ranks for one active file given as the user typed it (see <see cref="LoadedWorkspace.ResolveFile"/>).</summary>
    public async Task<(ActiveSource Active, IReadOnlyList<RankedFile> Ranked)> RankAsync(
        string activeArgument, (int Line, int Column)? cursor, IReadOnlyList<string> recent, string? query, int? top, CancellationToken cancellationToken = default, string? historyBefore = null)
    {
        var clock = TraceSpans.Start();
        var (active, request) = await RequestAsync(Workspace, activeArgument, cursor, recent, query, top, cancellationToken).ConfigureAwait(false);
        TraceSpans.Lap(clock, "rank: request");
        var ranked = Ranker.Rank(request with { HistoryBefore = historyBefore });
        TraceSpans.Lap(clock, $"rank: ranked {ranked.Count} files");
        return (active, ranked);
    }

    private static async Task<(ActiveSource Active, RankRequest Request)> RequestAsync(
        LoadedWorkspace workspace, string activeArgument, (int Line, int Column)? cursor, IReadOnlyList<string> recent, string? query, int? top, CancellationToken cancellationToken)
    {
        var active = workspace.ResolveActive(activeArgument);
        string? cursorId = null;
        if (cursor is { } at && active.DocumentId is { } id && workspace.Solution.GetDocument(id) is { } document)
            cursorId = await CursorSymbol.FindIdAsync(document, at.Line, at.Column, cancellationToken).ConfigureAwait(false);
        var request = new RankRequest(active.RelativePath)
        {
            // Only an active file outside the graph is ranked for by its text.
            ActiveText = active.Limitation is null ? null : (await workspace.TextOfAsync(active, cancellationToken).ConfigureAwait(false)).ToString(),
            CursorSymbolId = cursorId,
            Recent = [.. recent.Select(r => workspace.ResolveFile(r).RelativePath)],
            Query = query,
            Top = top,
        };
        return (active, request);
    }
}
