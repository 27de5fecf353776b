using CodeContext.Server.Rpc.Protocol;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>codeContext/rank: every other file by relevance to the active one, with reasons.</summary>
internal sealed class RankHandler(ServerServices services) : ReadHandler<RankParams, RankResult>(services)
{
    public override string Method => LspMethods.Rank;

    protected override async Task<RankResult> ReadAsync(ReadScope scope, RankParams? request, CancellationToken cancellationToken)
    {
        if (request is null) throw RequestErrors.InvalidParams("params are required");
        if (request.Top is < 1) throw RequestErrors.InvalidParams($"top must be at least 1, not {request.Top}");
        var active = scope.File(request.TextDocument, "textDocument");
        var (_, ranked) = await scope.Snapshot.Analysis.RankAsync(
            active.RelativePath, ReadScope.Cursor(request.Position), scope.Recent(request.Recent), request.Query, request.Top, cancellationToken).ConfigureAwait(false);
        return new RankResult(
            active.RelativePath,
            scope.VersionOf(active),
            [.. ranked.Select((r, i) => new RankedFileResult(i + 1, r.Path, scope.Snapshot.Uri(r.Path), r.Score, r.Reasons))]);
    }
}
