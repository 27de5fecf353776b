namespace CodeContext.Server.Rpc.Protocol;

// The codeContext/* methods' parameters and results (see docs/protocol.md).

internal sealed record ComposeParams(TextDocumentIdentifier? TextDocument, Position? Position)
{
    public int? Budget { get; init; }
    public string? Profile { get; init; }
    public string? Query { get; init; }
    public IReadOnlyList<string>? Recent { get; init; }

    /// <summary>"dataUrl" (default) or "file".</summary>
    public string? Images { get; init; }
}

internal sealed record RankParams(TextDocumentIdentifier? TextDocument, Position? Position)
{
    public string? Query { get; init; }
    public IReadOnlyList<string>? Recent { get; init; }
    public int? Top { get; init; }
}

internal sealed record RankResult(string Active, int? Version, IReadOnlyList<RankedFileResult> Files);

internal sealed record RankedFileResult(int Rank, string Path, string Uri, double Score, IReadOnlyList<string> Reasons);

internal sealed record ExplainParams(TextDocumentIdentifier? TextDocument, TextDocumentIdentifier? Target, Position? Position)
{
    public string? Query { get; init; }
    public IReadOnlyList<string>? Recent { get; init; }
    public int? Budget { get; init; }
    public string? Profile { get; init; }
}

internal sealed record ReadRegionParams(TextDocumentIdentifier? TextDocument, int? StartLine, int? EndLine);

internal sealed record ReadRegionResult(string Path, int StartLine, int EndLine, int LineCount, string Text, int? Version);

internal sealed record StatusResult(
    string State,
    string? Root,
    string? LoadMode,
    int Files,
    int Edges,
    int NameMatchedFiles,
    IReadOnlyList<DegradedProjectResult> Degraded,
    IReadOnlyList<string> OpenDocuments,
    long PendingChanges,
    long CacheBytes,
    string? CacheDirectory,
    string? Error,
    int RejectedMessages);

internal sealed record DegradedProjectResult(string Path, string Reason, string Fallback);

/// <summary>codeContext/exportBundle: a compose's parameters plus the folder to write the bundle into.</summary>
internal sealed record ExportBundleParams(TextDocumentIdentifier? TextDocument, Position? Position)
{
    public int? Budget { get; init; }
    public string? Profile { get; init; }
    public string? Query { get; init; }
    public IReadOnlyList<string>? Recent { get; init; }

    /// <summary>An absolute local path; created when missing.</summary>
    public string? OutDirectory { get; init; }

    public ComposeParams ToCompose() => new(TextDocument, Position) { Budget = Budget, Profile = Profile, Query = Query, Recent = Recent };
}

internal sealed record ExportBundleResult(string Directory, IReadOnlyList<string> Files, int Pages, int Total, int Budget);

internal sealed record ContextMarkdownResult(string Markdown, int Total, int Budget);

/// <summary>codeContext/ask: a compose request plus the question, an optional session and endpoint.</summary>
internal sealed record AskParams(TextDocumentIdentifier? TextDocument, Position? Position)
{
    public int? Budget { get; init; }
    public string? Profile { get; init; }
    public IReadOnlyList<string>? Recent { get; init; }
    public string? Question { get; init; }
    public string? Session { get; init; }
    public AskEndpointParams? Endpoint { get; init; }
    public int? MaxOutputTokens { get; init; }

    /// <summary>LSP partial results: when given, each piece of the answer is sent as $/progress {token, value: {delta}}.</summary>
    public System.Text.Json.JsonElement? PartialResultToken { get; init; }

    public ComposeParams ToCompose(int budget) => new(TextDocument, Position) { Budget = budget, Profile = Profile, Query = Question, Recent = Recent };
}

/// <summary>Where to send; anything left out is resolved as the CLI does (environment, then config files).</summary>
internal sealed record AskEndpointParams(string? Url, string? Provider, string? Model, string? ApiKeyEnv, double? TimeoutSeconds);

internal sealed record AskDelta(string Delta);

internal sealed record AskResult(string Answer, long? ServerPromptTokens, long? ServerCompletionTokens, int PromptTokens, int PromptBudget, int MaxOutputTokens, int ToolCalls, string? Replanned);
