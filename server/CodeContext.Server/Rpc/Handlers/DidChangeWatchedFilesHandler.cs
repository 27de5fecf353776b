using CodeContext.Core;
using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>workspace/didChangeWatchedFiles: files created, changed or deleted on disk (open documents keep their unsaved text).</summary>
internal sealed class DidChangeWatchedFilesHandler(ServerContext context)
{
    private const string Method = "workspace/didChangeWatchedFiles";

    [JsonRpcMethod(Method, UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidChangeWatchedFilesParams? request = null)
    {
        if (!context.Lifecycle.AcceptsNotifications) return;
        if (request?.Changes is null)
        {
            context.Dropped(Method, new UserError("params.changes is required"));
            return;
        }

        var paths = new List<string>();
        for (var i = 0; i < request.Changes.Count; i++)
        {
            try
            {
                paths.Add(context.Workspace.Paths!.Confine(request.Changes[i]?.Uri, $"changes[{i}].uri"));
            }
            catch (LocalRpcException e)
            {
                context.Dropped(Method, e);
            }
        }

        if (paths.Count > 0) context.Workspace.DiskChanged(paths);
    }
}
