using CodeContext.Analyzers.Loading;
using CodeContext.Server.Rpc;
using CodeContext.Server.Rpc.Handlers;
using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Mcp;

/// <summary>One tool call's view of the codebase: the read scope, its progress, and its path arguments turned into context files.</summary>
internal sealed class ToolScope(ServerServices context, ReadScope read, ToolProgress progress)
{
    public ReadScope Read => read;

    public ToolProgress Progress => progress;

    /// <summary>
    /// The context file a path argument names, and the document identifier the JSON-RPC handlers
    /// take for it. Confined exactly as serve confines URIs (links resolved, nothing outside the
    /// root), and refused when it is not a context file of the loaded codebase; the messages name
    /// the tool's own argument.
    /// </summary>
    public (SourceFile File, TextDocumentIdentifier Document) File(string? argument, string field)
    {
        var uri = ToUri(argument, field);
        var real = context.Workspace.Paths!.Confine(uri, field);
        return (read.Snapshot.File(real, field), new TextDocumentIdentifier(uri));
    }

    /// <summary>A path relative to the root, an absolute path or a file URI, as a URI.</summary>
    private string ToUri(string? argument, string field)
    {
        if (string.IsNullOrWhiteSpace(argument))
            throw RequestErrors.InvalidParams($"{field} is required: a path relative to {context.Workspace.Paths!.Root}, an absolute path or a file URI");
        if (argument.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return argument;
        // Another scheme is left for confinement to refuse with its own message.
        if (!Path.IsPathRooted(argument) && Uri.TryCreate(argument, UriKind.Absolute, out var other)) return other.AbsoluteUri;
        if (argument.Contains('\0', StringComparison.Ordinal)) throw RequestErrors.InvalidParams($"{field} contains a NUL character");
        return new Uri(Path.GetFullPath(argument, context.Workspace.Paths!.Root)).AbsoluteUri;
    }
}
