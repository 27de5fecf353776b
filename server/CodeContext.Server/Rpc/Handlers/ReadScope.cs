using CodeContext.Analyzers.Loading;
using CodeContext.Core.Sources;
using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// What every read request does first: check the lifecycle, take the snapshot that includes every
/// change sent before it, and turn the URIs it names into context files of that snapshot. While a
/// scope is open, background binding waits (it would take the cores the request needs).
/// </summary>
internal sealed class ReadScope : IDisposable
{
    private readonly ServerServices _context;
    private readonly IDisposable _lease;

    private ReadScope(ServerServices context, AnalysisSnapshot snapshot, IDisposable lease, System.Diagnostics.Stopwatch? clock)
    {
        _context = context;
        Snapshot = snapshot;
        _lease = lease;
        Clock = clock;
    }

    public void Dispose() => _lease.Dispose();

    public AnalysisSnapshot Snapshot { get; }

    /// <summary>A trace span started when the scope was asked for (null unless tracing): its first lap is the wait for the snapshot.</summary>
    public System.Diagnostics.Stopwatch? Clock { get; }

    /// <summary>
    /// Must be called before the caller's first await (see <see cref="WorkspaceHost.ReadAsync"/>):
    /// <see cref="ReadHandler{TParams, TResult}"/> does it for every read request.
    /// </summary>
    public static async Task<ReadScope> BeginAsync(ServerServices context, string method, CancellationToken cancellationToken)
    {
        var clock = Core.Diagnostics.TraceSpans.Start();
        context.Lifecycle.RequireRunning(method);
        var lease = context.Workspace.BeginRead();
        try
        {
            var snapshot = await context.Workspace.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new ReadScope(context, snapshot, lease, clock);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The context file a text document names; ContentModified when the client asked about another version than the server holds.</summary>
    public SourceFile File(TextDocumentIdentifier? document, string field)
    {
        if (document is null) throw RequestErrors.InvalidParams($"{field} is required");
        var path = _context.Workspace.Paths!.Confine(document.Uri, $"{field}.uri");
        if (document.Version is { } version)
        {
            var held = _context.Workspace.Documents.Get(path)?.Version;
            if (held != version)
            {
                throw RequestErrors.ContentModified($"content modified: {field} '{document.Uri}' is at version {held?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(not open)"} on the server, the request named version {version}");
            }
        }

        return Snapshot.File(path, $"{field}.uri");
    }

    /// <summary>The editor's version of a file when it is open (documents are keyed by physical path).</summary>
    public int? VersionOf(SourceFile file) => _context.Workspace.Documents.Get(RealPath.Resolve(file.FullPath))?.Version;

    public IReadOnlyList<string> Recent(IReadOnlyList<string>? uris) =>
        uris is null ? [] : [.. uris.Select((uri, i) => Snapshot.File(_context.Workspace.Paths!.Confine(uri, $"recent[{i}]"), $"recent[{i}]").RelativePath)];

    /// <summary>LSP's 0-based line and character to the analysers' 1-based line and column.</summary>
    public static (int Line, int Column)? Cursor(Position? position)
    {
        if (position is null) return null;
        if (position.Line < 0 || position.Character < 0) throw RequestErrors.InvalidParams($"position ({position.Line}, {position.Character}) has a negative line or character");
        return (position.Line + 1, position.Character + 1);
    }
}
