using CodeContext.Analyzers.Ranking;

namespace CodeContext.Packing.Summary;

/// <summary>
/// What stands in the active file's place when summarize composes (<see cref="ComposeRequest.Set"/>):
/// the solution map in whole-repository mode, the changed files in change mode, each as exact text
/// at the end of the prompt, and the ranking that orders everything else.
/// </summary>
/// <param name="Title">What the active part is, for the manifest's active.path and the report ("whole repository", "3 files changed since main").</param>
/// <param name="Map">The solution map's text (markdown), or null.</param>
/// <param name="Changed">The changed context files, in path order; empty in whole-repository mode.</param>
/// <param name="Ranked">Every other file by relevance (global importance, or nearness to the change), reasons included.</param>
/// <param name="Notes">What the reader must know about the set (changed files not carried and why), one line each.</param>
public sealed record ActiveSet(string Title, string? Map, IReadOnlyList<ChangedFile> Changed, IReadOnlyList<RankedFile> Ranked, IReadOnlyList<string> Notes);

/// <summary>A changed file and its changed lines (1-based, in its current text); no ranges: the whole file is new.</summary>
/// <param name="Path">Relative path of a context file.</param>
/// <param name="Reason">Why it is in the set ("changed since main").</param>
public sealed record ChangedFile(string Path, IReadOnlyList<LineRange> Lines, string Reason);

/// <summary>Lines Start..End, both included, 1-based.</summary>
public readonly record struct LineRange(int Start, int End);
