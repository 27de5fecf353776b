using CodeContext.Core;
using CodeContext.Server.Rpc.Protocol;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>textDocument/didOpen: the editor's text of a file now wins over the disk.</summary>
internal sealed class DidOpenHandler(ServerServices services) : NotificationHandler<DidOpenTextDocumentParams>(services)
{
    public override string Method => LspMethods.DidOpen;

    protected override void Apply(DidOpenTextDocumentParams? request)
    {
        var document = request?.TextDocument ?? throw new UserError("params.textDocument is required");
        var path = Confine(document.Uri, "textDocument.uri");
        Services.Workspace.Documents.Open(path, document.Text ?? throw new UserError("params.textDocument.text is required"), document.Version);
        Services.Workspace.TextChanged(path, opened: true);
    }
}
