using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>exit: ends the process, 0 after shutdown and 1 without it.</summary>
internal sealed class ExitHandler(ServerContext context)
{
    [JsonRpcMethod("exit", UseSingleObjectParameterDeserialization = true)]
    public void Handle(object? request = null)
    {
        _ = request;
        context.Lifecycle.Exit();
    }
}
