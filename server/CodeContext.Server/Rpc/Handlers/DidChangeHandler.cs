using CodeContext.Core;
using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>textDocument/didChange: full or incremental changes to an open document's unsaved text.</summary>
internal sealed class DidChangeHandler(ServerContext context)
{
    private const string Method = "textDocument/didChange";

    [JsonRpcMethod(Method, UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidChangeTextDocumentParams? request = null)
    {
        if (!context.Lifecycle.AcceptsNotifications) return;
        try
        {
            var document = request?.TextDocument ?? throw new UserError("params.textDocument is required");
            var changes = request.ContentChanges ?? throw new UserError("params.contentChanges is required");
            var path = context.Workspace.Paths!.Confine(document.Uri, "textDocument.uri");
            context.Workspace.Documents.Change(path, document.Version, changes);
            context.Workspace.TextChanged(path);
        }
        catch (Exception e) when (e is UserError or LocalRpcException)
        {
            context.Dropped(Method, e);
        }
    }
}
