using CodeContext.Core;
using CodeContext.Server.Rpc.Protocol;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>textDocument/didChange: full or incremental changes to an open document's unsaved text.</summary>
internal sealed class DidChangeHandler(ServerServices services) : NotificationHandler<DidChangeTextDocumentParams>(services)
{
    public override string Method => LspMethods.DidChange;

    protected override void Apply(DidChangeTextDocumentParams? request)
    {
        var document = request?.TextDocument ?? throw new UserError("params.textDocument is required");
        var changes = request.ContentChanges ?? throw new UserError("params.contentChanges is required");
        var path = Confine(document.Uri, "textDocument.uri");
        Services.Workspace.Documents.Change(path, document.Version, changes);
        Services.Workspace.TextChanged(path);
    }
}
