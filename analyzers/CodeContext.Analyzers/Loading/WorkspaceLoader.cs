using CodeContext.Core;
using CodeContext.Core.Secrets;
using CodeContext.Core.Sources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// The load stage: a path (.sln, .slnx, .csproj or folder) becomes one Roslyn snapshot. MSBuild
/// first; any project it cannot load is loaded syntax-first instead and reported as degraded.
/// </summary>
public static class WorkspaceLoader
{
    public static Task<LoadedWorkspace> LoadAsync(string path, LoadOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Load(path, options));
    }

    private static LoadedWorkspace Load(string path, LoadOptions options)
    {
        var target = LoadTarget.Resolve(path);
        var log = options.Log;
        log?.WriteLine($"codecontext: loading {target.Kind.ToString().ToLowerInvariant()} at {target.RootDirectory}");

        var sources = new SourceLedger(new SourceGate(target.RootDirectory, options.Cache is null ? null : new SecretScanCache(options.Cache)));
        var degraded = new List<DegradedProject>();
        IReadOnlyDictionary<string, IReadOnlyList<string>> frameworks = new Dictionary<string, IReadOnlyList<string>>();
        Solution solution;
        string mode;
        if (target.Kind == LoadTargetKind.LooseFiles)
        {
            solution = SyntaxOnlyProjects.AddProject(NewSolution(), "LooseFiles", null, target.Paths, [], sources);
            mode = "syntax-only";
        }
        else
        {
            var projectPaths = ConfinedProjects(target, sources.Gate, degraded);
            var modelCache = options.Cache is null || options.NoMsBuild ? null : new ProjectModelCache(options.Cache);
            if (modelCache?.TryLoad(target, projectPaths, sources) is { } cached)
            {
                (solution, mode, frameworks) = (cached.Solution, cached.Mode, cached.Frameworks);
                degraded.AddRange(cached.Degraded);
                log?.WriteLine("codecontext: project model unchanged since the last run; MSBuild evaluation skipped");
            }
            else if ((options.NoMsBuild ? null : MsBuildRegistration.EnsureRegistered(log)) is null)
            {
                var reason = options.NoMsBuild ? "--no-msbuild" : "no usable .NET SDK / MSBuild";
                solution = AddSyntaxOnly(NewSolution(), projectPaths, target.RootDirectory, degraded, reason, sources);
                mode = "syntax-only";
            }
            else
            {
                (solution, mode, var models) = OpenWithMsBuild(target, projectPaths, degraded, log, sources, options.Progress);
                modelCache?.Save(target, projectPaths, models, degraded, mode);
                frameworks = ProjectModel.EvaluatedFrameworks(models);
            }
        }

        solution = WithoutNullableAnalysis(solution);
        var filter = new FileFilter(sources.Gate, IgnoreRules.Load(target.RootDirectory), options.MaxFileBytes);
        (solution, var files, var skipped) = CollectFiles(solution, target.RootDirectory, filter);
        DegradedReport.Write(degraded, log, DegradedReport.RestoreCommand(target));
        if (options.Verbose)
        {
            foreach (var skip in skipped) log?.WriteLine($"codecontext: skipped {skip.RelativePath}: {skip.Reason}");
        }
        log?.WriteLine($"codecontext: {files.Count} files as context, {skipped.Count} skipped, {degraded.Count} degraded projects ({mode})");
        if (files.Count == 0) throw new UserError($"'{path}' has no C# file that can be context ({skipped.Count} skipped; --verbose lists why)");

        return new LoadedWorkspace(target.RootDirectory, solution, files, skipped, degraded, mode, filter, sources) { EvaluatedFrameworks = frameworks };
    }

    /// <summary>
    /// Binding a name in a nullable-enabled body first runs nullable flow analysis over the whole
    /// member, and nothing here reads flow states: the compiler's own switch turns that walk off.
    /// Symbols, and so the graph, stay the same.
    /// </summary>
    private static Solution WithoutNullableAnalysis(Solution solution)
    {
        foreach (var project in solution.Projects)
        {
            if (project.ParseOptions is CSharpParseOptions parse)
                solution = solution.WithProjectParseOptions(project.Id, parse.WithFeatures(parse.Features.Append(new("run-nullable-analysis", "never"))));
        }
        return solution;
    }

    private static Solution NewSolution() => new AdhocWorkspace().CurrentSolution;

    /// <summary>
    /// Every project through MSBuild evaluation (<see cref="ProjectEvaluator"/>); a project MSBuild
    /// cannot evaluate falls back to syntax-only. Returns the snapshot, its mode and the models the
    /// project-model cache keeps.
    /// </summary>
    private static (Solution, string, IReadOnlyList<ProjectModel>) OpenWithMsBuild(
        LoadTarget target, IReadOnlyList<string> projectPaths, List<DegradedProject> degraded, TextWriter? log, SourceLedger sources, IProgress<Core.Progress.WorkProgress>? progress)
    {
        var refused = EvaluationSandbox.Refused(sources.Gate, projectPaths);
        var restore = RestoreOutputs.For(projectPaths);
        var pinned = TargetFrameworkChoice.Pinned(projectPaths, restore);
        if (pinned is not null) log?.WriteLine($"codecontext: evaluating every project for {pinned} only (no restored project lacks it)");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (models, evaluationFailures, localPackages) = ProjectEvaluator.Evaluate([.. projectPaths.Where(p => !refused.ContainsKey(p))], pinned, restore, Core.Progress.WorkProgress.Counting(progress, "evaluating projects"));
        var failures = refused.Concat(evaluationFailures).ToDictionary(StringComparer.Ordinal);
        log?.WriteLine($"codecontext: evaluated {models.Count} projects in {clock.Elapsed.TotalSeconds:0.0} s");
        var solution = ProjectModel.ToSolution(models, sources);

        var loadedPaths = models.Select(p => p.FilePath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = projectPaths.Where(p => !loadedPaths.Contains(p)).ToList();
        foreach (var projectPath in missing)
        {
            if (!File.Exists(projectPath))
            {
                degraded.Add(new DegradedProject(RepoPath.Relative(target.RootDirectory, projectPath), "project file not found", "skipped"));
                continue;
            }
            var reason = failures.TryGetValue(projectPath, out var failure) ? failure : "MSBuild could not load the project";
            solution = AddSyntaxOnly(solution, [projectPath], target.RootDirectory, degraded, OneLine(reason), sources);
        }

        foreach (var projectPath in loadedPaths.Order(StringComparer.Ordinal))
        {
            if (restore.Known && ProjectFileReader.UsesPackages(projectPath) && !restore.IsRestored(projectPath))
            {
                degraded.Add(new DegradedProject(
                    RepoPath.Relative(target.RootDirectory, projectPath),
                    DegradedReport.NotRestored,
                    DegradedReport.UnrestoredFallback(localPackages.GetValueOrDefault(projectPath))));
            }
        }

        var fallbacks = solution.Projects.Where(p => p.FilePath is null || !loadedPaths.Contains(p.FilePath)).Select(ProjectModel.From);
        var mode = missing.Count == 0 ? "msbuild" : loadedPaths.Count > 0 ? "msbuild+syntax-only" : "syntax-only";
        return (solution, mode, [.. models, .. fallbacks]);
    }

    private static Solution AddSyntaxOnly(Solution solution, IReadOnlyList<string> projectPaths, string root, List<DegradedProject> degraded, string reason, SourceLedger sources)
    {
        var allProjectDirectories = projectPaths
            .Concat(solution.Projects.Select(p => p.FilePath).OfType<string>())
            .Select(p => Path.GetDirectoryName(p)!)
            .ToHashSet(StringComparer.Ordinal);
        var idsByPath = solution.Projects
            .Where(p => p.FilePath is not null)
            .GroupBy(p => p.FilePath!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);

        // Add in dependency order where possible so project references can be wired.
        var pending = projectPaths.Where(File.Exists).ToList();
        foreach (var missing in projectPaths.Where(p => !File.Exists(p)))
            degraded.Add(new DegradedProject(RepoPath.Relative(root, missing), "project file not found", "skipped"));

        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(p => ProjectFileReader.ProjectReferences(p).All(r => idsByPath.ContainsKey(r) || !pending.Contains(r)))
                ?? pending[0];
            pending.Remove(next);
            var references = ProjectFileReader.ProjectReferences(next).Where(idsByPath.ContainsKey).Select(r => idsByPath[r]);
            var files = ProjectFileReader.SourceFilesOf(next, allProjectDirectories);
            solution = SyntaxOnlyProjects.AddProject(solution, Path.GetFileNameWithoutExtension(next), next, files, references, sources);
            idsByPath[next] = solution.Projects.Last(p => p.FilePath == next).Id;
            degraded.Add(new DegradedProject(RepoPath.Relative(root, next), reason, "syntax-only (source files + framework references)"));
        }
        return solution;
    }

    /// <summary>
    /// The projects to load: a solution's list or the projects found, each inside the root and a
    /// regular file (a solution may name a project anywhere on the disk).
    /// </summary>
    private static IReadOnlyList<string> ConfinedProjects(LoadTarget target, SourceGate gate, List<DegradedProject> degraded)
    {
        var listed = target.Kind == LoadTargetKind.Solution ? ProjectFileReader.SolutionProjects(target.Paths[0]) : target.Paths;
        var confined = new List<string>(listed.Count);
        foreach (var project in listed)
        {
            // A missing project is reported where loading looks for it ("project file not found").
            if (File.Exists(project) && gate.ReasonNotToRead(project) is { } reason)
                degraded.Add(new DegradedProject(RepoPath.IsUnder(target.RootDirectory, project) ? RepoPath.Relative(target.RootDirectory, project) : project, reason, "skipped"));
            else confined.Add(project);
        }

        return confined;
    }

    /// <summary>
    /// The context files, the skipped ones with their reasons, and the snapshot without the files no
    /// compilation may read either (outside the root through a link, not a regular file, nesting no
    /// parser survives, secret-named): leaving them in would let binding read them.
    /// </summary>
    private static (Solution, IReadOnlyList<SourceFile>, IReadOnlyList<SkippedFile>) CollectFiles(Solution solution, string root, FileFilter filter)
    {
        var files = new List<SourceFile>();
        var skipped = new Dictionary<string, SkippedFile>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unsafeDocuments = new List<DocumentId>();

        foreach (var project in solution.Projects)
        {
            foreach (var document in project.Documents)
            {
                if (document.FilePath is null) continue;
                var full = Path.GetFullPath(document.FilePath);
                var check = filter.Check(full);
                if (check is { Unsafe: true }) unsafeDocuments.Add(document.Id);
                if (!full.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) continue;
                if (!seen.Add(full)) continue; // linked into several projects: the first one carries it
                var under = RepoPath.IsUnder(root, full);
                var relative = under ? RepoPath.Relative(root, full) : full;
                if (check is null) files.Add(new SourceFile(relative, full, document.Id, project.Id));
                else if (under) skipped[relative] = new SkippedFile(relative, check.Reason);
            }
        }

        if (unsafeDocuments.Count > 0) solution = solution.RemoveDocuments([.. unsafeDocuments]);

        // Files in the tree that no project compiles are reported too, so nothing disappears silently.
        foreach (var file in LoadTarget.EnumerateSourceTree(root, [".cs"], regularOnly: false))
        {
            if (seen.Contains(file)) continue;
            var relative = RepoPath.Relative(root, file);
            skipped[relative] = new SkippedFile(relative, filter.ReasonToSkip(file) ?? "not part of any loaded project");
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return (solution, files, skipped.Values.OrderBy(s => s.RelativePath, StringComparer.Ordinal).ToList());
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
