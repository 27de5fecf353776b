using CodeContext.Core;
using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>textDocument/didClose: the file reverts to its text on disk.</summary>
internal sealed class DidCloseHandler(ServerContext context)
{
    private const string Method = "textDocument/didClose";

    [JsonRpcMethod(Method, UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidCloseTextDocumentParams? request = null)
    {
        if (!context.Lifecycle.AcceptsNotifications) return;
        try
        {
            var path = context.Workspace.Paths!.Confine(request?.TextDocument?.Uri, "textDocument.uri");
            if (context.Workspace.Documents.Close(path)) context.Workspace.DiskChanged([path]);
        }
        catch (Exception e) when (e is UserError or LocalRpcException)
        {
            context.Dropped(Method, e);
        }
    }
}
