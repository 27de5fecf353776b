using CodeContext.Core;
using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>workspace/didChangeWatchedFiles: files created, changed or deleted on disk (open documents keep their unsaved text).</summary>
internal sealed class DidChangeWatchedFilesHandler(ServerServices services) : NotificationHandler<DidChangeWatchedFilesParams>(services)
{
    public override string Method => LspMethods.DidChangeWatchedFiles;

    protected override void Apply(DidChangeWatchedFilesParams? request)
    {
        var changes = request?.Changes ?? throw new UserError("params.changes is required");
        var paths = new List<string>();
        for (var i = 0; i < changes.Count; i++)
        {
            // One change outside the root drops that change only.
            try
            {
                paths.Add(Confine(changes[i]?.Uri, $"changes[{i}].uri"));
            }
            catch (LocalRpcException e)
            {
                Dropped(e);
            }
        }

        if (paths.Count > 0) Services.Workspace.DiskChanged(paths);
    }
}
