using CodeContext.Packing;
using CodeContext.Server.Rpc.Compose;
using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// codeContext/contextMarkdown: a compose (same parameters, no images) answered as the text of the
/// bundle's context.md, pages referenced by their bundle names: what an editor copies to the clipboard.
/// </summary>
internal sealed class ContextMarkdownHandler(ServerContext context)
{
    [JsonRpcMethod("codeContext/contextMarkdown", UseSingleObjectParameterDeserialization = true)]
    public async Task<ContextMarkdownResult> HandleAsync(ComposeParams? request = null, CancellationToken cancellationToken = default)
    {
        using var scope = await ReadScope.BeginAsync(context, "codeContext/contextMarkdown", cancellationToken).ConfigureAwait(false);
        var package = await ProtocolCompose.ComposeAsync(scope, request, context.Workspace.Cache, context.Workspace.ComposeSession, cancellationToken).ConfigureAwait(false);
        return new ContextMarkdownResult(ContextMarkdown.Write(package), package.Manifest.Totals.Total, package.Manifest.Budget);
    }
}
