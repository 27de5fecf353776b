using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>shutdown: stops applying changes; afterwards only exit is accepted.</summary>
internal sealed class ShutdownHandler(ServerContext context)
{
    [JsonRpcMethod("shutdown", UseSingleObjectParameterDeserialization = true)]
    public object? Handle(object? request = null)
    {
        _ = request;
        context.Lifecycle.Shutdown("shutdown");
        context.Workspace.Stop();
        return null;
    }
}
