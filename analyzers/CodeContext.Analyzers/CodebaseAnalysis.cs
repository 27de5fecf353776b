using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;

namespace CodeContext.Analyzers;

/// <summary>
/// Load, analyse and prepare ranking for one codebase: what every host (CLI commands, the server)
/// needs before it can answer anything. Each stage keeps its own entry; this only chains them.
/// </summary>
public sealed class CodebaseAnalysis
{
    private CodebaseAnalysis(LoadedWorkspace workspace, FileGraph graph, GraphBuildStats stats, CoChangeHistory history, FileRanker ranker)
    {
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
        var workspace = await WorkspaceLoader.LoadAsync(path, options, cancellationToken).ConfigureAwait(false);
        var (graph, stats) = await SymbolGraphBuilder.BuildAsync(workspace, cache is null ? null : new GraphCache(cache), options.Log, cancellationToken).ConfigureAwait(false);
        var weights = RankingWeights.Default;
        var history = CoChangeHistory.Read(workspace.RootDirectory, weights.CoChange, options.Log);
        return new CodebaseAnalysis(workspace, graph, stats, history, new FileRanker(graph, history, weights));
    }

    /// <summary>Ranks for one active file given as the user typed it (see <see cref="LoadedWorkspace.ResolveFile"/>).</summary>
    public async Task<(SourceFile Active, IReadOnlyList<RankedFile> Ranked)> RankAsync(
        string activeArgument, (int Line, int Column)? cursor, IReadOnlyList<string> recent, string? query, int? top, CancellationToken cancellationToken = default)
    {
        var active = Workspace.ResolveFile(activeArgument);
        string? cursorId = null;
        if (cursor is { } at)
            cursorId = await CursorSymbol.FindIdAsync(Workspace.GetDocument(active), at.Line, at.Column, cancellationToken).ConfigureAwait(false);
        var recentPaths = recent.Select(r => Workspace.ResolveFile(r).RelativePath).ToList();
        var ranked = Ranker.Rank(new RankRequest(active.RelativePath)
        {
            CursorSymbolId = cursorId,
            Recent = recentPaths,
            Query = query,
            Top = top,
        });
        return (active, ranked);
    }
}
