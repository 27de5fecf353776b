using CodeContext.Packing;
using CodeContext.Server.Rpc.Compose;
using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// codeContext/exportBundle: composes (same parameters as codeContext/compose) and writes the bundle
/// into the folder the user chose, exactly as `codecontext pack --out` does (BundleWriter).
/// </summary>
internal sealed class ExportBundleHandler(ServerServices services) : ReadHandler<ExportBundleParams, ExportBundleResult>(services)
{
    public override string Method => LspMethods.ExportBundle;

    protected override async Task<ExportBundleResult> ReadAsync(ReadScope scope, ExportBundleParams? request, CancellationToken cancellationToken)
    {
        if (request is null) throw RequestErrors.InvalidParams("params are required");
        if (string.IsNullOrWhiteSpace(request.OutDirectory) || !Path.IsPathFullyQualified(request.OutDirectory))
            throw RequestErrors.InvalidParams($"outDirectory must be an absolute folder path, not '{request.OutDirectory}'");
        if (File.Exists(request.OutDirectory))
            throw RequestErrors.InvalidParams($"outDirectory '{request.OutDirectory}' is a file; give a folder");

        var package = await ProtocolCompose.ComposeAsync(scope, request.ToCompose(), Services.Workspace.Cache, Services.Workspace.ComposeSession, cancellationToken).ConfigureAwait(false);
        var directory = Path.GetFullPath(request.OutDirectory);
        await BundleWriter.WriteAsync(package, directory, cancellationToken).ConfigureAwait(false);
        string[] files = [BundleWriter.ManifestFile, BundleWriter.ContextFile, .. BundleWriter.RequestFiles(package.Profile), .. package.Pages.Keys.Order(StringComparer.Ordinal)];
        return new ExportBundleResult(directory, files, package.Pages.Count, package.Manifest.Totals.Total, package.Manifest.Budget);
    }
}
