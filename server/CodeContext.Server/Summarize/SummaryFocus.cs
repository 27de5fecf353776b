using CodeContext.Analyzers;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;
using CodeContext.Packing.Summary;

namespace CodeContext.Server.Summarize;

/// <summary>What summarize composes for: the whole repository (map first, files by global importance) or a change (its files, then what they use and what uses them).</summary>
internal static class SummaryFocus
{
    /// <summary>The C# files a change names, relative to <see cref="Folder"/>, with their changed lines (none: the whole file).</summary>
    /// <param name="Folder">Where the paths are relative to (where git ran, or the current directory for --changed-files).</param>
    /// <param name="Reason">Why a file is in the set, for its manifest entry ("changed since main").</param>
    /// <param name="Note">What the summary should say about how the change was read; null: nothing.</param>
    public sealed record Change(string Folder, IReadOnlyList<(string Path, IReadOnlyList<LineRange> Lines)> Files, IReadOnlyList<string> Deleted, string Reason, string Since, string? Note = null)
    {
        /// <summary>The files for a focused analysis to bind first (resolved as pack resolves --active).</summary>
        public IReadOnlyList<string> FocusPaths => [.. Files.Select(f => Path.Combine(Folder, f.Path))];
    }

    public static async Task<(ActiveSet Set, IReadOnlyList<ProjectSummary> Projects)> WholeAsync(CodebaseAnalysis analysis, string title, IReadOnlyList<string> notes, CancellationToken ct)
    {
        var traits = await FileTraits.ReadAsync(analysis.Workspace, ct).ConfigureAwait(false);
        var projects = SolutionMap.Build(analysis.Workspace, traits);
        var ranked = GlobalImportance.Rank(analysis.Graph, analysis.History, traits);
        return (new ActiveSet(title, SolutionMap.Text(projects, withTypes: true), [], ranked, notes), projects);
    }

    public static async Task<(ActiveSet Set, IReadOnlyList<ProjectSummary> Projects)> ChangedAsync(CodebaseAnalysis analysis, Change change, CancellationToken ct)
    {
        var workspace = analysis.Workspace;
        List<string> notes = change.Note is null ? [] : [change.Note];
        var changed = new List<ChangedFile>();
        foreach (var (path, lines) in change.Files)
        {
            // As pack reads --active: relative to the codebase's root first, then to the folder given.
            var relative = new[] { workspace.RootDirectory, change.Folder }
                .Select(folder => Path.GetFullPath(Path.Combine(folder, path)))
                .Where(full => RepoPath.IsUnder(workspace.RootDirectory, full))
                .Select(full => RepoPath.Relative(workspace.RootDirectory, full))
                .ToList();
            if (relative.FirstOrDefault(r => workspace.FindByRelativePath(r) is not null) is { } found)
                changed.Add(new ChangedFile(found, lines, change.Reason));
            else
                notes.Add($"{path} changed {change.Since} but is not a context file ({NotContext(workspace, relative.FirstOrDefault())}): not carried");
        }

        notes.AddRange(change.Deleted.Select(d => $"{d} was deleted {change.Since}"));
        if (changed.Count == 0)
        {
            // Nothing to review in C#: the step still gets a useful digest, and says why.
            return await WholeAsync(analysis, $"whole repository (no C# context file changed {change.Since})", notes, ct).ConfigureAwait(false);
        }

        var traits = await FileTraits.ReadAsync(workspace, ct).ConfigureAwait(false);
        var projects = SolutionMap.Build(workspace, traits);
        changed.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var ranked = ChangeRanking.Rank(analysis.Ranker, [.. changed.Select(c => c.Path)]);
        var title = $"{changed.Count} file{(changed.Count == 1 ? "" : "s")} changed {change.Since}";
        return (new ActiveSet(title, SolutionMap.Text(projects, withTypes: false), changed, ranked, notes), projects);
    }

    private static string NotContext(Analyzers.Loading.LoadedWorkspace workspace, string? relative) =>
        relative is null ? "outside the loaded codebase"
        : workspace.Skipped.FirstOrDefault(s => s.RelativePath == relative)?.Reason ?? "in no loaded project";
}
