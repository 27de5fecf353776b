using CodeContext.Server.Rpc.Protocol;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>codeContext/rank: every other file by relevance to the active one, with reasons.</summary>
internal sealed class RankHandler(ServerContext context)
{
    [JsonRpcMethod("codeContext/rank", UseSingleObjectParameterDeserialization = true)]
    public async Task<RankResult> HandleAsync(RankParams? request = null, CancellationToken cancellationToken = default)
    {
        using var scope = await ReadScope.BeginAsync(context, "codeContext/rank", cancellationToken).ConfigureAwait(false);
        if (request is null) throw State.WorkspacePaths.Invalid("params are required");
        if (request.Top is < 1) throw State.WorkspacePaths.Invalid($"top must be at least 1, not {request.Top}");
        var active = scope.File(request.TextDocument, "textDocument");
        var (_, ranked) = await scope.Snapshot.Analysis.RankAsync(
            active.RelativePath, ReadScope.Cursor(request.Position), scope.Recent(request.Recent), request.Query, request.Top, cancellationToken).ConfigureAwait(false);
        return new RankResult(
            active.RelativePath,
            scope.VersionOf(active),
            [.. ranked.Select((r, i) => new RankedFileResult(i + 1, r.Path, scope.Snapshot.Uri(r.Path), r.Score, r.Reasons))]);
    }
}
