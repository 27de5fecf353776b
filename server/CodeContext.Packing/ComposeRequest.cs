namespace CodeContext.Packing;

/// <summary>What to compose a context for.</summary>
/// <param name="ActivePath">The active file as the user typed it (resolved via the workspace).</param>
public sealed record ComposeRequest(string ActivePath)
{
    /// <summary>1-based line and column of the cursor in the active file.</summary>
    public (int Line, int Column)? Cursor { get; init; }

    public IReadOnlyList<string> Recent { get; init; } = [];

    /// <summary>
    /// The developer's question; it goes last in the prompt. It enters through the source gate like
    /// any text: a key pasted into a question is masked before ranking or prompting sees it.
    /// </summary>
    public string? Query
    {
        get;
        init => field = value is null ? null : CodeContext.Core.Sources.SourceGate.Admit(value).Text;
    }

    /// <summary>Largest share of the budget for the active file's exact text (0..1); null: the planner's setting.</summary>
    public double? ActiveShare { get; init; }

    /// <summary>Share of the budget kept for breadth (0..1, planner.json's breadthShare); null: the planner's setting.</summary>
    public double? BreadthShare { get; init; }

    /// <summary>What a file on a dense page is worth to breadth at least (planner.json's breadthFidelity; 0: off); null: the planner's setting.</summary>
    public double? BreadthFidelity { get; init; }

    /// <summary>Hard limit on every token of the prompt, counted as the profile's model counts.</summary>
    public int Budget { get; init; } = 32000;

    public string Profile { get; init; } = "deepseek-ocr-base";

    /// <summary>Only co-change history older than this commit counts (benchmarks: the answer's own commit must not rank).</summary>
    public string? HistoryBefore { get; init; }

    /// <summary>
    /// Summarize: the solution map or the changed files stand where the active file would, and
    /// <see cref="ActivePath"/> is not used. Null for one active file (pack, serve, mcp).
    /// </summary>
    public Summary.ActiveSet? Set { get; init; }

    /// <summary>A request whose active part is <paramref name="set"/> (summarize).</summary>
    public static ComposeRequest ForSet(Summary.ActiveSet set) => new(string.Empty) { Set = set };
}
