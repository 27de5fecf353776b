using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// codeContext/readRegion: the exact text of lines startLine..endLine (1-based, inclusive, as in the
/// manifest) of a context file, unsaved editor text included. Only context files of the loaded
/// codebase are served: this is not a reader for arbitrary files.
/// </summary>
internal sealed class ReadRegionHandler(ServerServices services) : ReadHandler<ReadRegionParams, ReadRegionResult>(services)
{
    public override string Method => LspMethods.ReadRegion;

    protected override async Task<ReadRegionResult> ReadAsync(ReadScope scope, ReadRegionParams? request, CancellationToken cancellationToken)
    {
        if (request is null) throw RequestErrors.InvalidParams("params are required");
        var file = scope.File(request.TextDocument, "textDocument");
        if (request.StartLine is not { } start || request.EndLine is not { } end)
            throw RequestErrors.InvalidParams("startLine and endLine are required (1-based, inclusive)");

        var text = await scope.Snapshot.Analysis.Workspace.GetDocument(file).GetTextAsync(cancellationToken).ConfigureAwait(false);
        var lineCount = text.Lines.Count;
        if (start < 1 || end < start)
            throw RequestErrors.InvalidParams($"lines {start}..{end} are not a range: need 1 <= startLine <= endLine");
        if (start > lineCount)
            throw RequestErrors.InvalidParams($"startLine {start} is past the end of '{file.RelativePath}' ({lineCount} lines)");

        var last = Math.Min(end, lineCount);
        var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(text.Lines[start - 1].Start, text.Lines[last - 1].End);
        return new ReadRegionResult(file.RelativePath, start, last, lineCount, text.ToString(span), scope.VersionOf(file));
    }
}
