using CodeContext.Packing;
using CodeContext.Server.Rpc.Compose;
using CodeContext.Server.Rpc.Protocol;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// codeContext/contextMarkdown: a compose (same parameters, no images) answered as the text of the
/// bundle's context.md, pages referenced by their bundle names: what an editor copies to the clipboard.
/// </summary>
internal sealed class ContextMarkdownHandler(ServerServices services) : ReadHandler<ComposeParams, ContextMarkdownResult>(services)
{
    public override string Method => LspMethods.ContextMarkdown;

    protected override async Task<ContextMarkdownResult> ReadAsync(ReadScope scope, ComposeParams? request, CancellationToken cancellationToken)
    {
        var package = await ProtocolCompose.ComposeAsync(scope, request, Services.Workspace.Cache, Services.Workspace.ComposeSession, cancellationToken).ConfigureAwait(false);
        return new ContextMarkdownResult(ContextMarkdown.Write(package), package.Manifest.Totals.Total, package.Manifest.Budget);
    }
}
