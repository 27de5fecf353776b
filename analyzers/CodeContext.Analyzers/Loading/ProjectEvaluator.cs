using System.Runtime.CompilerServices;
using Microsoft.Build.Evaluation;
using Microsoft.CodeAnalysis.CSharp;
using NullableContextOptions = Microsoft.CodeAnalysis.NullableContextOptions;
using OutputKind = Microsoft.CodeAnalysis.OutputKind;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Reads projects with MSBuild's evaluation alone (properties and items; no target runs): which files
/// compile, with which options, against which references. A design-time build would also run the
/// targets that generate sources and resolve references, which writes into the project's obj folder
/// (the user's tree) and costs seconds per project. Evaluation writes nothing; what those targets
/// compute is derived here from the same evaluated data: framework symbols, global usings from
/// their items, framework references from the targeting packs, packages from the restore output
/// (or, unrestored, from the local NuGet folder). Internals are visible between all the
/// codebase's projects (see <see cref="SdkTargetFacts.Generated"/>). Analyzers and source generators are not run.
/// </summary>
internal static class ProjectEvaluator
{
    /// <param name="Failures">Project path -> why MSBuild could not evaluate it.</param>
    /// <param name="LocalPackageAssemblies">Unrestored project path -> how many package assemblies were found in the local NuGet cache instead.</param>
    public sealed record Result(IReadOnlyList<ProjectModel> Projects, IReadOnlyDictionary<string, string> Failures, IReadOnlyDictionary<string, int> LocalPackageAssemblies);

    // Mentions MSBuild types: callers must have registered MSBuild before this is JIT-compiled.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Result Evaluate(IReadOnlyList<string> projectPaths, string? pinnedFramework, RestoreOutputs restore, IProgress<(int Done, int Total)>? progress = null)
    {
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var collection = new ProjectCollection();
        // Evaluations share the collection's cache of parsed imports (the SDK's props and targets)
        // and, as MSBuild's own graph builds do, may run in parallel: one core per project.
        var paths = projectPaths.Where(File.Exists).ToList();
        var loaded = new Project?[paths.Count];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var finished = 0;
        Parallel.For(0, paths.Count, i =>
        {
            if (clock.Elapsed > EvaluationSandbox.Overall)
            {
                failures[paths[i]] = $"not evaluated: evaluating the codebase's projects took over {EvaluationSandbox.Overall.TotalSeconds:0} s";
                return;
            }

            // A hostile project can run for ever (a regular expression that never finishes, a glob
            // over the whole disk): past its limit the evaluation is abandoned, the project loaded
            // syntax-only. Whatever it throws is its own failure, never the load's.
            var evaluation = Task.Run(() => Load(collection, paths[i], pinnedFramework));
            try
            {
                if (evaluation.Wait(EvaluationSandbox.PerProject)) loaded[i] = evaluation.Result;
                else failures[paths[i]] = $"evaluation did not finish within {EvaluationSandbox.PerProject.TotalSeconds:0} s";
            }
            catch (AggregateException e)
            {
                failures[paths[i]] = e.InnerException?.Message ?? e.Message;
            }

            progress?.Report((Interlocked.Increment(ref finished), paths.Count));
        });
        var evaluated = loaded.OfType<Project>().ToList();

        var ids = evaluated.ToDictionary(p => p.FullPath, p => Guid.NewGuid().ToString(), StringComparer.Ordinal);
        var assemblies = evaluated.Select(AssemblyNameOf).Distinct(StringComparer.Ordinal).ToList();
        var local = EvaluatedReferences.UnrestoredPackages(evaluated, restore);
        var models = evaluated.Select(p => ToModel(p, ids, assemblies, restore, local.GetValueOrDefault(p.FullPath) ?? [])).ToList();
        return new Result(models, new Dictionary<string, string>(failures, StringComparer.Ordinal), local.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal));
    }

    /// <summary>Evaluates for one framework: the pinned one, else the newest the project lists.</summary>
    private static Project Load(ProjectCollection collection, string path, string? pinnedFramework)
    {
        if (pinnedFramework is not null)
            return collection.LoadProject(path, new Dictionary<string, string> { ["TargetFramework"] = pinnedFramework }, toolsVersion: null);
        var project = collection.LoadProject(path);
        var listed = project.GetPropertyValue("TargetFrameworks").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (project.GetPropertyValue("TargetFramework").Length > 0 || listed.Length == 0) return project;
        var newest = listed.MaxBy(TargetFrameworkChoice.Rank)!;
        return collection.LoadProject(path, new Dictionary<string, string> { ["TargetFramework"] = newest }, toolsVersion: null);
    }

    private static string AssemblyNameOf(Project project) => project.Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(project.FullPath);


    private static ProjectModel ToModel(Project project, IReadOnlyDictionary<string, string> ids, IReadOnlyList<string> solutionAssemblies, RestoreOutputs restore, IReadOnlyList<string> localPackages)
    {
        var directory = project.DirectoryPath;
        var assemblyName = AssemblyNameOf(project);
        return new ProjectModel(
            ids[project.FullPath],
            Path.GetFileNameWithoutExtension(project.FullPath),
            assemblyName,
            project.FullPath,
            [.. project.GetItems("ProjectReference").Select(i => ProjectFileReader.FullPath(directory, i.EvaluatedInclude)).Where(ids.ContainsKey).Select(p => ids[p]).Distinct()],
            [.. EvaluatedReferences.Of(project, restore).Concat(localPackages).Distinct(StringComparer.Ordinal)],
            [.. project.GetItems("Compile").Select(i => ProjectFileReader.FullPath(directory, i.EvaluatedInclude)).Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal)],
            (LanguageVersionFacts.TryParse(project.Property("LangVersion") ?? "", out var version) ? version : LanguageVersion.Default).MapSpecifiedToEffectiveVersion().ToString(),
            [.. (project.Property("DefineConstants") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Concat(SdkTargetFacts.ImplicitDefines(project)).Distinct(StringComparer.Ordinal)],
            (project.Property("OutputType")?.ToLowerInvariant() switch
            {
                "exe" => OutputKind.ConsoleApplication,
                "winexe" => OutputKind.WindowsApplication,
                _ => OutputKind.DynamicallyLinkedLibrary,
            }).ToString(),
            (project.Property("Nullable")?.ToLowerInvariant() switch
            {
                "enable" => NullableContextOptions.Enable,
                "warnings" => NullableContextOptions.Warnings,
                "annotations" => NullableContextOptions.Annotations,
                _ => NullableContextOptions.Disable,
            }).ToString(),
            project.IsTrue("AllowUnsafeBlocks"),
            // Unsigned on purpose: see the friend assemblies in SdkTargetFacts.Generated.
            CryptoKeyFile: null,
            PublicSign: false,
            DelaySign: null,
            [.. SdkTargetFacts.Generated(project, assemblyName, solutionAssemblies)],
            SdkTargetFacts.EvaluatedFrameworks(project));
    }
}
