using CodeContext.Core;
using Microsoft.CodeAnalysis;

namespace CodeContext.Analyzers.Loading;

/// <summary>A loaded codebase: one immutable Roslyn snapshot plus the files that may become context.</summary>
public sealed class LoadedWorkspace
{
    private readonly Dictionary<string, SourceFile> _byRelativePath;
    private readonly Dictionary<DocumentId, SourceFile> _byDocument;

    internal LoadedWorkspace(
        string rootDirectory,
        Solution solution,
        IReadOnlyList<SourceFile> files,
        IReadOnlyList<SkippedFile> skipped,
        IReadOnlyList<DegradedProject> degraded,
        string loadMode,
        FileFilter filter,
        SourceLedger sources)
    {
        Filter = filter;
        Sources = sources;
        RootDirectory = rootDirectory;
        Solution = solution;
        Files = files;
        Skipped = skipped;
        Degraded = degraded;
        LoadMode = loadMode;
        _byRelativePath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        _byDocument = files.ToDictionary(f => f.DocumentId);
    }

    internal FileFilter Filter { get; }

    /// <summary>The same codebase with another snapshot and file list (edits, files created or deleted).</summary>
    internal LoadedWorkspace With(Solution solution, IReadOnlyList<SourceFile> files) =>
        new(RootDirectory, solution, [.. files.OrderBy(f => f.RelativePath, StringComparer.Ordinal)], Skipped, Degraded, LoadMode, Filter, Sources) { EvaluatedFrameworks = EvaluatedFrameworks };

    /// <summary>
    /// Target frameworks by project file, for the projects MSBuild evaluated: its evaluation imports
    /// props from above the root (the build's own semantics), which the load itself never reads.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> EvaluatedFrameworks { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// The door every text of this codebase came in by, and what it found per file (secrets masked,
    /// invisible characters shown): every reader of text reads through it.
    /// </summary>
    public SourceLedger Sources { get; }

    /// <summary>The folder every reported path is relative to.</summary>
    public string RootDirectory { get; }

    public Solution Solution { get; }

    /// <summary>Context candidates, sorted by relative path.</summary>
    public IReadOnlyList<SourceFile> Files { get; }

    public IReadOnlyList<SkippedFile> Skipped { get; }

    public IReadOnlyList<DegradedProject> Degraded { get; }

    /// <summary>"msbuild", "syntax-only" or "msbuild+syntax-only" (some projects degraded).</summary>
    public string LoadMode { get; }

    public Document GetDocument(SourceFile file) =>
        Solution.GetDocument(file.DocumentId)
        ?? throw new InvalidOperationException($"Document for {file.RelativePath} is not in the snapshot.");

    public SourceFile? FindByRelativePath(string relativePath) =>
        _byRelativePath.GetValueOrDefault(relativePath.Replace('\\', '/'));

    public SourceFile? FindByDocument(DocumentId id) => _byDocument.GetValueOrDefault(id);

    /// <summary>
    /// The file the developer is editing. A context file as <see cref="ResolveFile"/> finds it; but
    /// also a file that is not context for a reason that does not make it unsafe to read (generated,
    /// larger than the context limit, ignored, in no project): it is still what the developer edits,
    /// so a context is composed for it and <see cref="ActiveSource.Limitation"/> says what that
    /// costs. A file the gate refuses (outside the root, a link out, not a regular file, secret-named,
    /// nested beyond safe analysis) is an error naming why.
    /// </summary>
    public ActiveSource ResolveActive(string pathArgument)
    {
        if (string.IsNullOrWhiteSpace(pathArgument)) throw new UserError("an empty file path was given");
        var full = Candidates(pathArgument).FirstOrDefault(c => RepoPath.IsUnder(RootDirectory, c) && (FindByRelativePath(RepoPath.Relative(RootDirectory, c)) is not null || File.Exists(c)));
        if (full is null) return ActiveSource.Of(ResolveFile(pathArgument));
        var relative = RepoPath.Relative(RootDirectory, full);
        if (FindByRelativePath(relative) is { } context) return ActiveSource.Of(context);

        var skip = Filter.Check(full);
        if (skip is { Unsafe: true }) throw new UserError($"'{pathArgument}' is not read: {skip.Reason}");
        var reason = skip?.Reason ?? Skipped.FirstOrDefault(s => s.RelativePath == relative)?.Reason ?? "not part of any loaded project";
        var document = Solution.Projects.SelectMany(p => p.Documents).FirstOrDefault(d => d.FilePath is not null && Path.GetFullPath(d.FilePath) == full);
        var limitation = document is null
            ? $"{reason}: composed for it from its text alone (its names rank the rest; nothing is bound)"
            : $"{reason}: composed for it anyway (its names rank the rest; the graph has no facts of its own)";
        return new ActiveSource(relative, full, document?.Id, limitation);
    }

    /// <summary>The active file's text: its document's, else its file's through the source gate.</summary>
    public async Task<Microsoft.CodeAnalysis.Text.SourceText> TextOfAsync(ActiveSource active, CancellationToken cancellationToken = default) =>
        active.DocumentId is { } id && Solution.GetDocument(id) is { } document
            ? await document.GetTextAsync(cancellationToken).ConfigureAwait(false)
            : Sources.Read(active.FullPath);

    private List<string> Candidates(string pathArgument) => Candidates(RootDirectory, pathArgument);

    /// <summary>Where a user-given path may point: absolute as given, else relative to <paramref name="root"/>, then to the current directory.</summary>
    internal static List<string> Candidates(string root, string pathArgument) => Path.IsPathRooted(pathArgument)
        ? [Path.GetFullPath(pathArgument)]
        : [Path.GetFullPath(Path.Combine(root, pathArgument)), Path.GetFullPath(pathArgument)];

    /// <summary>
    /// Resolves a user-given path: absolute, relative to the loaded root, or relative to the current
    /// directory, in that order of preference.
    /// </summary>
    public SourceFile ResolveFile(string pathArgument)
    {
        if (string.IsNullOrWhiteSpace(pathArgument)) throw new UserError("an empty file path was given");

        var candidates = Candidates(pathArgument);
        foreach (var candidate in candidates)
        {
            if (!RepoPath.IsUnder(RootDirectory, candidate)) continue;
            var found = FindByRelativePath(RepoPath.Relative(RootDirectory, candidate));
            if (found is not null) return found;
        }

        var skipped = candidates
            .Where(c => RepoPath.IsUnder(RootDirectory, c))
            .Select(c => RepoPath.Relative(RootDirectory, c))
            .Select(rel => Skipped.FirstOrDefault(s => s.RelativePath == rel))
            .FirstOrDefault(s => s is not null);
        if (skipped is not null)
            throw new UserError($"'{pathArgument}' is not context: {skipped.Reason}");
        throw new UserError($"'{pathArgument}' is not a C# file of the loaded codebase ({RootDirectory})");
    }
}
