using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>codeContext/status: load state, degraded projects, open documents, cache size. Never waits for loading.</summary>
internal sealed class StatusHandler(ServerContext context)
{
    [JsonRpcMethod("codeContext/status", UseSingleObjectParameterDeserialization = true)]
    public StatusResult Handle(object? request = null)
    {
        _ = request;
        context.Lifecycle.RequireRunning("codeContext/status");
        var workspace = context.Workspace;
        var snapshot = workspace.Current;
        var analysis = snapshot?.Analysis;
        return new StatusResult(
            workspace.State,
            workspace.Paths?.Root,
            analysis?.Workspace.LoadMode,
            analysis?.Workspace.Files.Count ?? 0,
            analysis?.Graph.Edges.Count ?? 0,
            analysis?.NameMatchedFiles ?? 0,
            analysis is null ? [] : [.. analysis.Workspace.Degraded.Select(d => new DegradedProjectResult(d.RelativePath, d.Reason, d.Fallback))],
            [.. workspace.Documents.Paths.Select(p => snapshot?.RelativePath(p) ?? p)],
            workspace.Enqueued - (snapshot?.Sequence ?? 0),
            workspace.Cache?.SizeInBytes() ?? 0,
            workspace.Cache?.Root,
            workspace.LoadError,
            context.Handler?.Rejected ?? 0);
    }
}
