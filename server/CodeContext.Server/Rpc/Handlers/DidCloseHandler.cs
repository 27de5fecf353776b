using CodeContext.Server.Rpc.Protocol;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>textDocument/didClose: the file reverts to its text on disk.</summary>
internal sealed class DidCloseHandler(ServerServices services) : NotificationHandler<DidCloseTextDocumentParams>(services)
{
    public override string Method => LspMethods.DidClose;

    protected override void Apply(DidCloseTextDocumentParams? request)
    {
        var path = Confine(request?.TextDocument?.Uri, "textDocument.uri");
        if (Services.Workspace.Documents.Close(path)) Services.Workspace.DiskChanged([path]);
    }
}
