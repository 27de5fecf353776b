namespace CodeContext.Server.Rpc.Handlers;

/// <summary>shutdown: stops applying changes; afterwards only exit is accepted.</summary>
internal sealed class ShutdownHandler(ServerServices services) : MethodHandler(services)
{
    public override string Method => LspMethods.Shutdown;

    public override bool Mutates => true;

    public object? Handle(object? request = null)
    {
        _ = request;
        Services.Lifecycle.Shutdown(Method);
        Services.Workspace.Stop();
        return null;
    }
}
