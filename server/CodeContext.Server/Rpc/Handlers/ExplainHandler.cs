using System.Text.Json;
using System.Text.Json.Nodes;
using CodeContext.Server.Rpc.Compose;
using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// codeContext/explain: why one file got its rank (score, place, reasons) and, when a budget is
/// given, the form the planner chose for it and why (the manifest's entry for that file).
/// </summary>
internal sealed class ExplainHandler(ServerServices services) : ReadHandler<ExplainParams, JsonObject>(services)
{
    public override string Method => LspMethods.Explain;

    protected override async Task<JsonObject> ReadAsync(ReadScope scope, ExplainParams? request, CancellationToken cancellationToken)
    {
        if (request is null) throw RequestErrors.InvalidParams("params are required");
        var active = scope.File(request.TextDocument, "textDocument");
        var target = scope.File(request.Target, "target");
        var (_, ranked) = await scope.Snapshot.Analysis.RankAsync(
            active.RelativePath, ReadScope.Cursor(request.Position), scope.Recent(request.Recent), request.Query, null, cancellationToken).ConfigureAwait(false);
        var place = ranked.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Path == target.RelativePath);
        var result = new JsonObject
        {
            ["active"] = active.RelativePath,
            ["target"] = target.RelativePath,
            ["rank"] = place.r is null ? null : place.i + 1,
            ["of"] = ranked.Count,
            ["score"] = place.r?.Score ?? 0,
            ["reasons"] = new JsonArray([.. (place.r?.Reasons ?? [target.RelativePath == active.RelativePath ? "it is the active file" : "nothing connects it to the active file"]).Select(r => (JsonNode?)r)]),
        };

        if (request.Budget is not null)
        {
            var compose = new ComposeParams(request.TextDocument, request.Position) { Budget = request.Budget, Profile = request.Profile, Query = request.Query, Recent = request.Recent };
            var package = await ProtocolCompose.ComposeAsync(scope, compose, Services.Workspace.Cache, Services.Workspace.ComposeSession, cancellationToken).ConfigureAwait(false);
            var entry = package.Manifest.Files.FirstOrDefault(f => f.Path == target.RelativePath);
            result["plan"] = entry is null ? null : JsonSerializer.SerializeToNode(entry, LspJson.Options);
            result["budget"] = package.Manifest.Budget;
        }

        return result;
    }
}
