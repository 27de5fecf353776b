using CodeContext.Analyzers.Loading;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>initialized: starts loading the workspace, with progress when the client supports it.</summary>
internal sealed class InitializedHandler(ServerServices services) : NotificationHandler<object>(services)
{
    public override string Method => LspMethods.Initialized;

    protected override bool Accepts()
    {
        if (base.Accepts() && Services.Workspace.State == WorkspaceState.NotStarted && Services.Lifecycle.Session is not null) return true;
        Services.Log.WriteLine("codecontext serve: ignored 'initialized' (not after initialize, or sent twice)");
        return false;
    }

    protected override void Apply(object? request)
    {
        var session = Services.Lifecycle.Session!;
        var progress = new ProgressReporter(Services.Connection?.Rpc, session.ClientSupportsProgress, Services.Log);
        // A focused load names no request: every file is matched by name, and the host binds them
        // in the background (WorkspaceHost), nearest the open documents first.
        var analysis = Services.Settings.Analysis;
        var focus = analysis == "full" ? null : new AnalysisFocus([]) { Always = analysis == "focused" };
        Services.Workspace.Start(session.LoadPath, new LoadOptions { NoMsBuild = session.NoMsBuild, Focus = focus }, progress, classifyWhileLoading: Packing.ComposeSession.NeedsSemanticSpans(session.Profile));
    }
}
