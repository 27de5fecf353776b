using CodeContext.Core;
using CodeContext.Core.Diagnostics;
using CodeContext.Packing;
using CodeContext.Rendering.Profiles;
using CodeContext.Server.Rpc.Handlers;
using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Compose;

/// <summary>
/// The one place the server calls the pack stage: protocol parameters in (checked, with errors that
/// name the field), mapped to a <see cref="ComposeRequest"/>, composed, a package out.
/// </summary>
internal static class ProtocolCompose
{
    public static async Task<ContextPackage> ComposeAsync(ReadScope scope, ComposeParams? request, CacheDirectory? cache, ComposeSession session, CancellationToken cancellationToken)
    {
        if (request is null) throw RequestErrors.InvalidParams("params are required");
        var active = scope.File(request.TextDocument, "textDocument");
        if (request.Budget is not { } budget || budget <= 0)
            throw RequestErrors.InvalidParams($"budget is required: a positive number of tokens, not {request.Budget?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        var profile = request.Profile ?? new ComposeRequest(active.RelativePath).Profile;
        if (!ProfileCatalog.Ids.Contains(profile))
            throw RequestErrors.InvalidParams($"profile '{profile}' is unknown; one of: {string.Join(", ", ProfileCatalog.Ids)}");

        var compose = new ComposeRequest(active.RelativePath)
        {
            Cursor = ReadScope.Cursor(request.Position),
            Recent = scope.Recent(request.Recent),
            Query = request.Query,
            Budget = budget,
            Profile = profile,
        };
        // WaitAsync answers a cancelled request at once, even while the composer is between its
        // own cancellation checks; its result is then dropped.
        return await Task.Run(() => new ContextComposer(cache, session, StderrLogger.ForPlan()).ComposeAsync(scope.Snapshot.Analysis, compose, cancellationToken), cancellationToken)
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
    }
}
