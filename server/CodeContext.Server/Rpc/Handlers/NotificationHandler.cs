using CodeContext.Core;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// A notification (no reply): the frame drops it outside the lifecycle phase that accepts it and
/// logs one that cannot be applied (bad params, a path outside the root), since there is no
/// reply to carry the error.
/// </summary>
internal abstract class NotificationHandler<TParams>(ServerServices services) : MethodHandler(services)
    where TParams : class
{
    public sealed override bool Mutates => true;

    // Synchronous on purpose: notifications are applied in arrival order only if each finishes
    // before StreamJsonRpc dispatches the next message.
    public void Handle(TParams? request = null)
    {
        if (!Accepts()) return;
        try
        {
            Apply(request);
        }
        catch (Exception e) when (e is UserError or LocalRpcException)
        {
            Dropped(e);
        }
    }

    /// <summary>LSP drops notifications before initialize and after shutdown.</summary>
    protected virtual bool Accepts() => Services.Lifecycle.AcceptsNotifications;

    protected abstract void Apply(TParams? request);

    /// <summary>The physical path of a URI the client sent, inside the workspace root; InvalidParams otherwise.</summary>
    protected string Confine(string? uri, string field) => Services.Workspace.Paths!.Confine(uri, field);

    /// <summary>Logs part of a notification that could not be applied.</summary>
    protected void Dropped(Exception error) =>
        Services.Log.WriteLine($"codecontext serve: ignored '{Method}': {error.Message}");
}
