namespace CodeContext.Analyzers.Ranking;

/// <summary>What to rank for: the active file and every other hint about the developer's focus.</summary>
public sealed record RankRequest(string ActivePath)
{
    /// <summary>Documentation ID of the symbol under the cursor (see <see cref="CursorSymbol"/>).</summary>
    public string? CursorSymbolId { get; init; }

    public IReadOnlyList<string> Recent { get; init; } = [];

    /// <summary>The active file's (gated) text when it is not in the graph: its names rank the rest.</summary>
    public string? ActiveText { get; init; }

    public string? Query
    {
        get;
        // Through the source gate like any text: a key pasted into a question never reaches a reason or a prompt.
        init => field = value is null ? null : CodeContext.Core.Sources.SourceGate.Admit(value).Text;
    }

    /// <summary>Only co-change history older than this commit counts (benchmarks).</summary>
    public string? HistoryBefore { get; init; }

    public int? Top { get; init; }

    /// <summary>Order only, no reasons (benchmarks rank many times over).</summary>
    public bool WithoutReasons { get; init; }
}

/// <summary>One ranked file: its score (higher is more relevant) and why, in plain words.</summary>
public sealed record RankedFile(string Path, double Score, IReadOnlyList<string> Reasons);
