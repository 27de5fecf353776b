using CodeContext.Core;
using CodeContext.Server.Rpc;
using CodeContext.Server.Rpc.Handlers;
using CodeContext.Server.Rpc.State;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Mcp;

/// <summary>
/// What every codebase tool does around its own work: take pending disk changes, wait for the
/// codebase (reporting the loader's lines as progress), open the same read scope the JSON-RPC
/// handlers use, and turn every refusal (bad path, bad range, unknown profile) into an MCP tool
/// error the model can read and act on, never a protocol error or a crash.
/// </summary>
internal sealed class McpToolCall(ServerServices context, TreeWatcher watcher, LoadFeed feed, TextWriter log)
{
    public ServerServices Context => context;

    public async Task<CallToolResult> RunAsync(
        string tool,
        IProgress<ProgressNotificationValue>? progress,
        Func<ToolScope, CancellationToken, Task<CallToolResult>> body,
        CancellationToken cancellationToken)
    {
        var reporter = new ToolProgress(progress);
        try
        {
            watcher.Sync();
            // ReadScope takes its snapshot's sequence number before its first await, so the
            // changes synced just above are always included.
            using var scope = await BeginAsync(tool, reporter, cancellationToken).ConfigureAwait(false);
            return await body(new ToolScope(context, scope, reporter), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The SDK answers the client; the line says the work really stopped here.
            await log.WriteLineAsync($"codecontext mcp: {tool} cancelled by the client").ConfigureAwait(false);
            throw;
        }
        catch (LocalRpcException e)
        {
            return Error(e.Message);
        }
        catch (UserError e)
        {
            return Error(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await log.WriteLineAsync($"codecontext mcp: {tool} failed: {e}").ConfigureAwait(false);
            return Error($"{tool} failed inside the server ({e.GetType().Name}: {e.Message}); the server keeps running and other calls work");
        }
    }

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    private async Task<ReadScope> BeginAsync(string tool, ToolProgress reporter, CancellationToken cancellationToken)
    {
        if (context.Workspace.State != WorkspaceState.Loading) return await ReadScope.BeginAsync(context, tool, cancellationToken).ConfigureAwait(false);
        reporter.Report("waiting for the codebase to load");
        using var listening = feed.Listen(reporter.Report);
        var scope = await ReadScope.BeginAsync(context, tool, cancellationToken).ConfigureAwait(false);
        reporter.Report("the codebase is loaded");
        // The first snapshot exists now: the sweep records its files' stamps at once, so an edit
        // made before the next call is found by comparing them (the watcher covers the load itself).
        watcher.Sync();
        return scope;
    }
}
