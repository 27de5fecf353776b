using CodeContext.Core.Secrets;

namespace CodeContext.Packing.Planning;

/// <summary>
/// One thing the planner decides a form for: a whole file, or a slice of a large file cut at member
/// boundaries. Text is already masked; every token count is exact for the profile's tokenizer.
/// </summary>
public sealed record Candidate
{
    /// <summary>Identifies this slice's content (path, lines, masked text) for as long as the process runs: layouts are remembered by it.</summary>
    public required long ContentId { get; init; }

    public required string Path { get; init; }
    public required int StartLine { get; init; }
    public required int EndLine { get; init; }

    /// <summary>Masked source of lines StartLine..EndLine, joined by the file's own line breaks.</summary>
    public required string Text { get; init; }

    /// <summary>0-based slice index; 0 for a whole file.</summary>
    public required int Slice { get; init; }
    public required int SliceCount { get; init; }

    /// <summary>Relevance normalised to 0..1 (the most relevant file is 1), slices weighted by what they mention.</summary>
    public required double Relevance { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>The file declares what the active file uses directly: its exact forms are worth more (<see cref="DirectUses"/>).</summary>
    public bool DirectUse { get; init; }

    /// <summary>
    /// Exact text segment (caption, fence, source), written when asked: only what the plan carries
    /// as text needs it, and keeping one for every candidate held a second copy of the codebase.
    /// </summary>
    public string TextSegment => SegmentText.Code(SegmentText.TextCaption(this), Text);

    /// <summary>Tokens of <see cref="TextSegment"/>.</summary>
    public required int TextTokens { get; init; }

    /// <summary>Exact outline segment and its tokens; null when the slice has no body to elide.</summary>
    public required string? OutlineSegment { get; init; }
    public required int OutlineTokens { get; init; }

    /// <summary>Share of the slice's code names its outline keeps (1 without an outline): the outline's fidelity.</summary>
    public required double OutlineShare { get; init; }

    /// <summary>The index line ("- path: description"); only the first slice of a file carries one.</summary>
    public required string? ListedLine { get; init; }
    public required int ListedTokens { get; init; }

    /// <summary>Tokens of the bare source (no caption), for the "source tokens" total.</summary>
    public required int SourceTokens { get; init; }

    /// <summary>What pages draw of this slice, per image level (L1..L4; levels that fold alike share one).</summary>
    public required IReadOnlyList<PageView> PageViews { get; init; }

    /// <summary>What a page at <paramref name="level"/> draws of this slice.</summary>
    public PageView Page(Fidelity level) => PageViews[Array.IndexOf(FidelityNames.ImageForms, level)];

    public required IReadOnlyList<SecretFinding> Secrets { get; init; }

    /// <summary>The slice's distinct type-like identifiers (what slices of one file are weighted by).</summary>
    public required IReadOnlyList<string> Terms { get; init; }

    public bool IsWholeFile => SliceCount == 1;

    public string Label => IsWholeFile ? Path : $"{Path}:{StartLine}-{EndLine}";
}

/// <summary>
/// What a page draws of a slice: lines from <paramref name="StartLine"/> (after the leading licence,
/// usings and region lines, <see cref="LeadingBoilerplate"/>), masked, with documentation folded and
/// lone directives left out as the level's policy says. Text forms carry every line.
/// </summary>
/// <param name="LineNumbers">The file's line number of each line of <paramref name="Text"/> when lines were folded (<see cref="DocCommentFolding"/>); null: StartLine onwards.</param>
/// <param name="LineCells">Monospace cells per line of <paramref name="Text"/> (tabs expanded), for estimating page rows.</param>
public sealed record PageView(int StartLine, string Text, int[]? LineNumbers, int[] LineCells);
