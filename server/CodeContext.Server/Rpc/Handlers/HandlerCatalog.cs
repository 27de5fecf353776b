namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// The registration table: every protocol method's handler, one class per method. Initialize
/// announces the <see cref="MethodHandler.Announced"/> ones, so adding a handler here is all it takes.
/// </summary>
internal static class HandlerCatalog
{
    public static IReadOnlyList<MethodHandler> Create(ServerServices services)
    {
        MethodHandler[] handlers =
        [
            new InitializedHandler(services),
            new ShutdownHandler(services),
            new ExitHandler(services),
            new DidOpenHandler(services),
            new DidChangeHandler(services),
            new DidCloseHandler(services),
            new DidChangeWatchedFilesHandler(services),
            new ComposeHandler(services),
            new AskHandler(services),
            new RankHandler(services),
            new ExplainHandler(services),
            new ReadRegionHandler(services),
            new StatusHandler(services),
            new ContextMarkdownHandler(services),
            new ExportBundleHandler(services),
        ];
        string[] announced = [.. handlers.Where(h => h.Announced).Select(h => h.Method)];
        return [.. handlers.Prepend(new InitializeHandler(services, announced)).Select(Checked)];
    }

    /// <summary>A handler that mutates must finish before the next message is dispatched: an async one would let later messages overtake it.</summary>
    private static MethodHandler Checked(MethodHandler handler) =>
        handler.Mutates && typeof(Task).IsAssignableFrom(handler.Entry.ReturnType)
            ? throw new InvalidOperationException($"{handler.GetType().Name} mutates state, so '{handler.Method}' must be handled synchronously")
            : handler;
}
