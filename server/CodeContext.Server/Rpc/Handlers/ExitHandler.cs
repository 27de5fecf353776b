namespace CodeContext.Server.Rpc.Handlers;

/// <summary>exit: ends the process, 0 after shutdown and 1 without it.</summary>
internal sealed class ExitHandler(ServerServices services) : NotificationHandler<object>(services)
{
    public override string Method => LspMethods.Exit;

    /// <summary>exit is accepted in every phase.</summary>
    protected override bool Accepts() => true;

    protected override void Apply(object? request) => Services.Lifecycle.Exit();
}
