namespace CodeContext.Server.Rpc.State;

/// <summary>Where loading the codebase stands (codeContext/status reports it by its wire name).</summary>
internal enum WorkspaceState
{
    /// <summary>Waiting for initialized.</summary>
    NotStarted,

    Loading,

    /// <summary>A snapshot exists; changes are applied as they come.</summary>
    Ready,

    /// <summary>Loading failed (<see cref="WorkspaceHost.LoadError"/> says why); requests that need the codebase are refused.</summary>
    Failed,
}

internal static class WorkspaceStateNames
{
    /// <summary>The name clients see: not-started, loading, ready or failed.</summary>
    public static string WireName(this WorkspaceState state) => state switch
    {
        WorkspaceState.NotStarted => "not-started",
        WorkspaceState.Loading => "loading",
        WorkspaceState.Ready => "ready",
        WorkspaceState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
