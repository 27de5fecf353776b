using CodeContext.Analyzers.Loading;
using CodeContext.Server.Rpc.State;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>initialized: starts loading the workspace, with progress when the client supports it.</summary>
internal sealed class InitializedHandler(ServerContext context)
{
    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public void Handle(object? request = null)
    {
        _ = request;
        if (!context.Lifecycle.AcceptsNotifications || context.Workspace.State != "not-started" || context.LoadPath is null)
        {
            context.Log.WriteLine("codecontext serve: ignored 'initialized' (not after initialize, or sent twice)");
            return;
        }

        var progress = new ProgressReporter(context.Rpc, context.ClientSupportsProgress, context.Log);
        // A focused load names no request: every file is matched by name, and the host binds them
        // in the background (WorkspaceHost), nearest the open documents first.
        var focus = context.Settings.Analysis == "full" ? null : new AnalysisFocus([]) { Always = context.Settings.Analysis == "focused" };
        context.Workspace.Start(context.LoadPath, new LoadOptions { NoMsBuild = context.NoMsBuild, Focus = focus }, progress, classifyWhileLoading: Packing.ComposeSession.NeedsSemanticSpans(context.Profile));
    }
}
