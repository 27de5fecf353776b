namespace CodeContext.Analyzers.Loading;

/// <summary>How a codebase is loaded.</summary>
public sealed record LoadOptions
{
    /// <summary>Skip MSBuild entirely and load every project syntax-first (files + framework references).</summary>
    public bool NoMsBuild { get; init; }

    /// <summary>Files larger than this are never context (minified or generated blobs).</summary>
    public long MaxFileBytes { get; init; } = 512 * 1024;

    /// <summary>Where progress and diagnostics go (stderr for the CLI). Null: silent.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>
    /// Where the project model MSBuild produced is kept, so an unchanged tree loads without
    /// MSBuild next time. Null: always ask MSBuild.
    /// </summary>
    public CodeContext.Core.CacheDirectory? Cache { get; init; }

    /// <summary>Where the load stands: projects evaluated, files bound, each of how many (a progress bar, say). Null: not reported.</summary>
    public IProgress<CodeContext.Core.Progress.WorkProgress>? Progress { get; init; }

    /// <summary>Log every skipped file with its reason.</summary>
    public bool Verbose { get; init; }

    /// <summary>
    /// Where the graph walk leaves each file it analyses classified for colouring, while the file's
    /// semantic model is bound anyway (classifying later binds every method body again). Hosts that
    /// render pass their memo; null: nothing is classified during analysis.
    /// </summary>
    public CodeContext.Analyzers.Classification.ClassificationMemo? ClassifiedSpans { get; init; }

    /// <summary>
    /// Null: a full analysis (every file bound). Otherwise a focused one: files without cached facts
    /// are matched by name, and only those the focus's ranking puts at the top are bound.
    /// </summary>
    public AnalysisFocus? Focus { get; init; }
}

/// <summary>The requests a focused analysis binds for (the cursor applies to the first active file).</summary>
public sealed record AnalysisFocus(IReadOnlyList<string> ActiveFiles)
{
    /// <summary>Focus even a codebase smaller than the ranking weights' focus.minFiles (which is otherwise bound whole).</summary>
    public bool Always { get; init; }

    public (int Line, int Column)? Cursor { get; init; }
    public IReadOnlyList<string> Recent { get; init; } = [];
    public string? Query { get; init; }
}
