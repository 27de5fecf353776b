using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>codeContext/status: load state, degraded projects, open documents, cache size. Never waits for loading.</summary>
internal sealed class StatusHandler(ServerServices services) : MethodHandler(services)
{
    public override string Method => LspMethods.Status;

    /// <summary>A read that takes no snapshot: it reports whatever is current, loading included.</summary>
    public override bool Mutates => false;

    public StatusResult Handle(object? request = null)
    {
        _ = request;
        Services.Lifecycle.RequireRunning(Method);
        var workspace = Services.Workspace;
        var snapshot = workspace.Current;
        var analysis = snapshot?.Analysis;
        return new StatusResult(
            workspace.State.WireName(),
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
            Services.Connection?.Handler.Rejected ?? 0);
    }
}
