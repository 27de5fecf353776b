using System.Reflection;
using CodeContext.Server.Rpc;
using CodeContext.Server.Rpc.Handlers;
using CodeContext.Server.Rpc.State;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeContext.Server.Mcp;

/// <summary>
/// Host wiring for `codecontext mcp`: the JSON-RPC server's own state (ServerServices and its
/// WorkspaceHost, loaded exactly as serve loads after initialized), a watcher feeding disk changes
/// into it, and the tools over one MCP session on a pair of streams (stdio, or pipes in tests).
/// </summary>
internal static class McpHost
{
    public static async Task RunAsync(Stream input, Stream output, McpOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var feed = new LoadFeed();
        // Every line the loader writes goes to stderr and to the tool calls waiting for it (progress).
        using var loaderLog = new ProgressLog(log, feed.Publish);
        var context = Start(options, loaderLog);
        using var watcher = new TreeWatcher(context.Workspace, options.Target.Root, log);
        var call = new McpToolCall(context, watcher, feed, log);
        var serverOptions = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "codecontext", Version = typeof(McpHost).Assembly.GetName().Version?.ToString() ?? "0" },
            ServerInstructions = ToolTexts.Instructions,
            ToolCollection = [.. Tools(new ContextTools(call, options), new RankingTools(call, options), new StatusTool(context, options))],
        };

        try
        {
            await using var transport = new StreamServerTransport(input, output, "codecontext");
            await using var server = McpServer.Create(transport, serverOptions);
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Said before exiting, so that a session that ends abnormally says why.
            await log.WriteLineAsync($"codecontext mcp: the session failed: {e}").ConfigureAwait(false);
            throw;
        }
        finally
        {
            context.Workspace.Stop();
            await log.WriteLineAsync("codecontext mcp: the client went away; exiting").ConfigureAwait(false);
        }
    }

    /// <summary>The server state, loading in the background through serve's own initialized path.</summary>
    private static ServerServices Start(McpOptions options, TextWriter log)
    {
        var context = new ServerServices(new ServerSettings { Cache = options.Cache, NoMsBuild = options.NoMsBuild, Analysis = options.Analysis }, log);
        var paths = new WorkspacePaths(options.Target.Root);
        var loadPath = options.Target.LoadPath == options.Target.Root
            ? paths.RealRoot
            : paths.Confine(new Uri(options.Target.LoadPath).AbsoluteUri, "path");
        context.Lifecycle.Initialize(new ClientSession(loadPath, options.NoMsBuild, options.Profile, ClientSupportsProgress: false));
        context.Workspace.SetRoot(options.Target.Root);
        new InitializedHandler(context).Handle();
        return context;
    }

    /// <summary>Every [McpServerTool] method of the given objects, named and described by its attributes.</summary>
    private static IEnumerable<McpServerTool> Tools(params object[] targets) =>
        targets.SelectMany(target => target.GetType()
            .GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
            .Select(m => (McpServerTool)new CheckedTool(McpServerTool.Create(m, target))));
}
