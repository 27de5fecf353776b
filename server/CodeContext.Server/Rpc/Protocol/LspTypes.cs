using System.Text.Json;

namespace CodeContext.Server.Rpc.Protocol;

// LSP's own shapes, as far as this server reads them. Everything is nullable: a missing field is
// reported by the handler with a message that names it, not by the deserializer.

internal sealed record Position(int Line, int Character);

internal sealed record Range(Position? Start, Position? End);

internal sealed record TextDocumentIdentifier(string? Uri)
{
    /// <summary>Optional: when given, a request about an open document fails with ContentModified if the server holds another version.</summary>
    public int? Version { get; init; }
}

internal sealed record TextDocumentItem(string? Uri, string? LanguageId, int Version, string? Text);

internal sealed record TextDocumentContentChangeEvent(Range? Range, string? Text);

internal sealed record DidOpenTextDocumentParams(TextDocumentItem? TextDocument);

internal sealed record DidChangeTextDocumentParams(TextDocumentIdentifier? TextDocument, IReadOnlyList<TextDocumentContentChangeEvent>? ContentChanges);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier? TextDocument);

internal sealed record FileEvent(string? Uri, int Type);

internal sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent>? Changes);

internal sealed record WorkspaceFolder(string? Uri, string? Name);

internal sealed record WindowClientCapabilities(bool? WorkDoneProgress);

internal sealed record ClientCapabilities(WindowClientCapabilities? Window);

internal sealed record ClientInfo(string? Name, string? Version);

internal sealed record InitializeParams(
    int? ProcessId,
    string? RootUri,
    string? RootPath,
    IReadOnlyList<WorkspaceFolder>? WorkspaceFolders,
    ClientCapabilities? Capabilities,
    ClientInfo? ClientInfo,
    JsonElement? InitializationOptions);

/// <summary>codecontext's own initializationOptions.</summary>
internal sealed record ServerOptions
{
    /// <summary>The solution, project or folder to load, relative to the root (default: the root folder).</summary>
    public string? Path { get; init; }

    /// <summary>Load syntax-first, without MSBuild.</summary>
    public bool? NoMsBuild { get; init; }

    /// <summary>The profile most composes will ask for: the load classifies colours while binding only when its pages need semantic ones.</summary>
    public string? Profile { get; init; }
}

internal sealed record WorkDoneProgressCreateParams(object Token);

internal sealed record ProgressParams(object Token, object Value);

internal sealed record WorkDoneProgressBegin(string Title, string? Message, int? Percentage)
{
    public string Kind => "begin";

    public bool Cancellable => false;
}

internal sealed record WorkDoneProgressReport(string? Message, int? Percentage)
{
    public string Kind => "report";
}

internal sealed record WorkDoneProgressEnd(string? Message)
{
    public string Kind => "end";
}
