namespace CodeContext.Server.Rpc.Handlers;

/// <summary>Every protocol method's handler, one class per method.</summary>
internal static class HandlerCatalog
{
    public static IEnumerable<object> Create(ServerContext context)
    {
        yield return new InitializeHandler(context);
        yield return new InitializedHandler(context);
        yield return new ShutdownHandler(context);
        yield return new ExitHandler(context);
        yield return new DidOpenHandler(context);
        yield return new DidChangeHandler(context);
        yield return new DidCloseHandler(context);
        yield return new DidChangeWatchedFilesHandler(context);
        yield return new ComposeHandler(context);
        yield return new AskHandler(context);
        yield return new RankHandler(context);
        yield return new ExplainHandler(context);
        yield return new ReadRegionHandler(context);
        yield return new StatusHandler(context);
        yield return new ContextMarkdownHandler(context);
        yield return new ExportBundleHandler(context);
    }
}
