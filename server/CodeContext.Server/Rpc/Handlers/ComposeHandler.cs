using CodeContext.Packing;
using CodeContext.Server.Rpc.Compose;
using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// codeContext/compose: the package for the active document (unsaved text included) under a hard
/// token budget: the bundle's manifest.json object, each page image as a data URL or a cached file.
/// </summary>
internal sealed class ComposeHandler(ServerContext context)
{
    [JsonRpcMethod("codeContext/compose", UseSingleObjectParameterDeserialization = true)]
    public async Task<Manifest> HandleAsync(ComposeParams? request = null, CancellationToken cancellationToken = default)
    {
        var clock = Core.Diagnostics.TraceSpans.Start();
        using var scope = await ReadScope.BeginAsync(context, "codeContext/compose", cancellationToken).ConfigureAwait(false);
        Core.Diagnostics.TraceSpans.Lap(clock, "compose: snapshot read");
        var images = PackageJson.ImageMode(request?.Images);
        if (images == PackageJson.FileImages && context.Workspace.Cache is null)
            throw State.WorkspacePaths.Invalid("images: \"file\" needs the cache directory, but the server runs with --no-cache; ask for \"dataUrl\"");
        var package = await ProtocolCompose.ComposeAsync(scope, request, context.Workspace.Cache, context.Workspace.ComposeSession, cancellationToken).ConfigureAwait(false);
        Core.Diagnostics.TraceSpans.Lap(clock, "compose: composed");
        var manifest = PackageJson.WithImages(package, images, context.Workspace.Cache);
        Core.Diagnostics.TraceSpans.Lap(clock, "compose: images");
        return manifest;
    }
}
