using CodeContext.Core;
using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>textDocument/didOpen: the editor's text of a file now wins over the disk.</summary>
internal sealed class DidOpenHandler(ServerContext context)
{
    private const string Method = "textDocument/didOpen";

    // Synchronous on purpose: notifications are applied in arrival order only if each finishes
    // before StreamJsonRpc dispatches the next message.
    [JsonRpcMethod(Method, UseSingleObjectParameterDeserialization = true)]
    public void Handle(DidOpenTextDocumentParams? request = null)
    {
        if (!context.Lifecycle.AcceptsNotifications) return;
        try
        {
            var document = request?.TextDocument ?? throw new UserError("params.textDocument is required");
            var path = context.Workspace.Paths!.Confine(document.Uri, "textDocument.uri");
            context.Workspace.Documents.Open(path, document.Text ?? throw new UserError("params.textDocument.text is required"), document.Version);
            context.Workspace.TextChanged(path, opened: true);
        }
        catch (Exception e) when (e is UserError or LocalRpcException)
        {
            context.Dropped(Method, e);
        }
    }
}
