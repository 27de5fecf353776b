using CodeContext.Packing;
using CodeContext.Server.Rpc.Compose;
using CodeContext.Server.Rpc.Protocol;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// codeContext/compose: the package for the active document (unsaved text included) under a hard
/// token budget: the bundle's manifest.json object, each page image as a data URL or a cached file.
/// </summary>
internal sealed class ComposeHandler(ServerServices services) : ReadHandler<ComposeParams, Manifest>(services)
{
    public override string Method => LspMethods.Compose;

    protected override async Task<Manifest> ReadAsync(ReadScope scope, ComposeParams? request, CancellationToken cancellationToken)
    {
        var clock = scope.Clock;
        Core.Diagnostics.TraceSpans.Lap(clock, "compose: snapshot read");
        var images = PackageJson.ImageMode(request?.Images);
        if (images == PackageJson.FileImages && Services.Workspace.Cache is null)
            throw RequestErrors.InvalidParams("images: \"file\" needs the cache directory, but the server runs with --no-cache; ask for \"dataUrl\"");
        var package = await ProtocolCompose.ComposeAsync(scope, request, Services.Workspace.Cache, Services.Workspace.ComposeSession, cancellationToken).ConfigureAwait(false);
        Core.Diagnostics.TraceSpans.Lap(clock, "compose: composed");
        var manifest = PackageJson.WithImages(package, images, Services.Workspace.Cache);
        Core.Diagnostics.TraceSpans.Lap(clock, "compose: images");
        return manifest;
    }
}
