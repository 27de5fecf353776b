using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
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
/// codebase's projects (see <see cref="Generated"/>). Analyzers and source generators are not run.
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
        var local = UnrestoredPackages(evaluated, restore);
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

    private static string AssemblyNameOf(Project project) => Property(project, "AssemblyName") ?? Path.GetFileNameWithoutExtension(project.FullPath);

    /// <summary>
    /// For each project without restore output: its packages, and those of the projects it
    /// references (a restore flows them through), from the local NuGet cache.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> UnrestoredPackages(IReadOnlyList<Project> projects, RestoreOutputs restore)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var unrestored = projects.Where(p => !restore.IsRestored(p.FullPath)).ToList();
        if (unrestored.Count == 0 || LocalPackages.Find(NuGetPackagesFolder(unrestored[0])) is not { } cache) return result;
        var byPath = projects.ToDictionary(p => p.FullPath, StringComparer.Ordinal);
        foreach (var project in unrestored)
        {
            var requested = new List<(string, string)>();
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<Project>([project]);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (!visited.Add(current.FullPath)) continue;
                requested.AddRange(PackageRequests(current));
                foreach (var reference in current.GetItems("ProjectReference").Select(i => ProjectFileReader.FullPath(current.DirectoryPath, i.EvaluatedInclude)))
                {
                    if (byPath.TryGetValue(reference, out var referenced)) pending.Push(referenced);
                }
            }
            if (Property(project, "TargetFramework") is { } framework) result[project.FullPath] = cache.CompileAssemblies(requested, framework);
        }
        return result;
    }

    /// <summary>PackageReference items with the version a restore would ask for (own, override, or central PackageVersion).</summary>
    private static IEnumerable<(string Id, string Version)> PackageRequests(Project project)
    {
        var central = project.GetItems("PackageVersion")
            .GroupBy(i => i.EvaluatedInclude, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().GetMetadataValue("Version"), StringComparer.OrdinalIgnoreCase);
        foreach (var item in project.GetItems("PackageReference"))
        {
            var version = item.GetMetadataValue("VersionOverride") is { Length: > 0 } over ? over
                : item.GetMetadataValue("Version") is { Length: > 0 } own ? own
                : central.GetValueOrDefault(item.EvaluatedInclude) ?? "";
            yield return (item.EvaluatedInclude, version);
        }
    }

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
            [.. References(project, restore).Concat(localPackages).Distinct(StringComparer.Ordinal)],
            [.. project.GetItems("Compile").Select(i => ProjectFileReader.FullPath(directory, i.EvaluatedInclude)).Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal)],
            (LanguageVersionFacts.TryParse(Property(project, "LangVersion") ?? "", out var version) ? version : LanguageVersion.Default).MapSpecifiedToEffectiveVersion().ToString(),
            [.. (Property(project, "DefineConstants") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Concat(ImplicitDefines(project)).Distinct(StringComparer.Ordinal)],
            (Property(project, "OutputType")?.ToLowerInvariant() switch
            {
                "exe" => OutputKind.ConsoleApplication,
                "winexe" => OutputKind.WindowsApplication,
                _ => OutputKind.DynamicallyLinkedLibrary,
            }).ToString(),
            (Property(project, "Nullable")?.ToLowerInvariant() switch
            {
                "enable" => NullableContextOptions.Enable,
                "warnings" => NullableContextOptions.Warnings,
                "annotations" => NullableContextOptions.Annotations,
                _ => NullableContextOptions.Disable,
            }).ToString(),
            IsTrue(project, "AllowUnsafeBlocks"),
            // Unsigned on purpose: see the friend assemblies in Generated.
            CryptoKeyFile: null,
            PublicSign: false,
            DelaySign: null,
            [.. Generated(project, assemblyName, solutionAssemblies)],
            EvaluatedFrameworks(project));
    }

    /// <summary>
    /// What the project targets as MSBuild evaluated it: a multi-targeted project is evaluated for
    /// one framework, but its TargetFrameworks property still lists them all.
    /// </summary>
    private static List<string> EvaluatedFrameworks(Project project) =>
        Property(project, "TargetFrameworks") is { } listed
            ? [.. listed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : Property(project, "TargetFramework") is { } one ? [one] : [];

    /// <summary>
    /// The framework symbols the SDK's define-constant targets add (NET, NET10_0, NET8_0_OR_GREATER,
    /// NETSTANDARD2_0, NET462_OR_GREATER...), worked out from the same evaluated properties and
    /// supported-framework items those targets read.
    /// </summary>
    private static IEnumerable<string> ImplicitDefines(Project project)
    {
        var identifier = Property(project, "TargetFrameworkIdentifier");
        if (identifier is not (".NETCoreApp" or ".NETFramework" or ".NETStandard") || IsTrue(project, "DisableImplicitFrameworkDefines")) yield break;
        if (!Version.TryParse(Property(project, "TargetFrameworkVersion")?.TrimStart('v', 'V'), out var version)) yield break;
        var modern = identifier == ".NETCoreApp" && version.Major >= 5;
        var prefix = modern ? "NET" : identifier.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
        yield return prefix;
        if (modern) yield return "NETCOREAPP";
        if (identifier == ".NETFramework") prefix = "NET";
        yield return prefix + FormatVersion(identifier, version);

        var supported = identifier switch
        {
            ".NETCoreApp" => "_NETCoreAppVersionsForDefines",
            ".NETFramework" => "SupportedNETFrameworkTargetFramework",
            _ => "SupportedNETStandardTargetFramework",
        };
        foreach (var item in project.GetItems(supported))
        {
            var at = item.EvaluatedInclude.IndexOf("Version=v", StringComparison.Ordinal);
            if (at < 0 || !Version.TryParse(item.EvaluatedInclude[(at + "Version=v".Length)..], out var other) || other > version) continue;
            var older = identifier == ".NETCoreApp" && other.Major < 5;
            yield return (older ? "NETCOREAPP" : prefix) + FormatVersion(identifier, other) + "_OR_GREATER";
        }
    }

    private static string FormatVersion(string identifier, Version version) =>
        identifier == ".NETFramework" ? version.ToString().Replace(".", "", StringComparison.Ordinal) : version.ToString().Replace('.', '_');

    /// <summary>The sources the SDK's targets would generate that change binding: global usings and InternalsVisibleTo.</summary>
    private static IEnumerable<GeneratedDocument> Generated(Project project, string assemblyName, IReadOnlyList<string> solutionAssemblies)
    {
        var usings = project.GetItems("Using").ToList();
        if (usings.Count > 0)
        {
            var text = new StringBuilder("// <auto-generated/>\n");
            foreach (var item in usings)
            {
                var alias = item.GetMetadataValue("Alias");
                var isStatic = string.Equals(item.GetMetadataValue("Static"), "true", StringComparison.OrdinalIgnoreCase);
                text.Append("global using ").Append(isStatic ? "static " : "").Append(alias.Length > 0 ? alias + " = " : "").Append("global::").Append(item.EvaluatedInclude).Append(";\n");
            }
            yield return new GeneratedDocument(assemblyName + ".GlobalUsings.g.cs", text.ToString());
        }

        // Which assemblies may see this one's internals is decided by InternalsVisibleTo items, often
        // added by a repository's own targets (which evaluation does not run) and checked against
        // strong-name keys. The graph only asks who uses what: every project of the codebase may
        // see every other's internals, unsigned, so a test's use of an internal member binds
        // whether or not its grant was visible here.
        var friends = solutionAssemblies.Where(name => name != assemblyName).ToList();
        if (friends.Count > 0)
        {
            var text = new StringBuilder("// <auto-generated/>\n");
            foreach (var friend in friends)
                text.Append("[assembly: global::System.Runtime.CompilerServices.InternalsVisibleTo(\"").Append(friend).Append("\")]\n");
            yield return new GeneratedDocument(assemblyName + ".AssemblyInfo.cs", text.ToString());
        }
    }

    private static IEnumerable<string> References(Project project, RestoreOutputs restore)
    {
        var framework = FrameworkReferences(project).ToList();
        if (framework.Count == 0 && Property(project, "TargetFrameworkIdentifier") == ".NETCoreApp")
        {
            // The targeting pack of this framework is not installed (an older framework, never
            // restored): the running framework's reference set stands in, as for syntax-only projects.
            framework = [.. SyntaxOnlyProjects.FrameworkAssemblyPaths];
        }

        foreach (var path in framework) yield return path;
        foreach (var path in PackageReferences(project, restore)) yield return path;
        foreach (var item in project.GetItems("Reference"))
        {
            if (item.GetMetadataValue("HintPath") is { Length: > 0 } hint && ProjectFileReader.FullPath(project.DirectoryPath, hint) is var full && File.Exists(full)) yield return full;
        }
    }

    /// <summary>Reference assemblies of each framework reference (implicit ones included), from the SDK's packs folder or the NuGet cache.</summary>
    private static IEnumerable<string> FrameworkReferences(Project project)
    {
        var framework = Property(project, "TargetFramework");
        if (framework is null) yield break;
        var known = project.GetItems("KnownFrameworkReference")
            .Where(k => string.Equals(k.GetMetadataValue("TargetFramework"), framework, StringComparison.OrdinalIgnoreCase))
            .GroupBy(k => k.EvaluatedInclude, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var roots = new[] { Property(project, "NetCoreTargetingPackRoot"), NuGetPackagesFolder(project) }.OfType<string>().ToList();
        foreach (var reference in project.GetItems("FrameworkReference").Select(i => i.EvaluatedInclude).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!known.TryGetValue(reference, out var entry)) continue;
            var pack = entry.GetMetadataValue("TargetingPackName");
            var version = entry.GetMetadataValue("TargetingPackVersion");
            var folder = roots
                .SelectMany(root => new[] { Path.Combine(root, pack, version, "ref", framework), Path.Combine(root, pack.ToLowerInvariant(), version, "ref", framework) })
                .FirstOrDefault(Directory.Exists);
            if (folder is null) continue;
            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal)) yield return dll;
        }
    }

    /// <summary>Compile-time assemblies of every package the restore output lists for this framework; none when unrestored.</summary>
    private static IEnumerable<string> PackageReferences(Project project, RestoreOutputs restore)
    {
        var assets = restore.AssetsFiles(project.FullPath).FirstOrDefault(File.Exists);
        if (assets is null) return [];
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(assets));
            var root = document.RootElement;
            var framework = Property(project, "TargetFramework");
            var moniker = Property(project, "TargetFrameworkMoniker");
            if (!root.TryGetProperty("targets", out var targets) || !root.TryGetProperty("libraries", out var libraries)) return [];
            var target = targets.EnumerateObject().FirstOrDefault(t => t.Name == framework || t.Name == moniker);
            if (target.Value.ValueKind != JsonValueKind.Object) return [];
            var folders = root.TryGetProperty("packageFolders", out var pf) ? pf.EnumerateObject().Select(f => f.Name).ToList() : [];
            var result = new List<string>();
            foreach (var package in target.Value.EnumerateObject())
            {
                if (!package.Value.TryGetProperty("type", out var type) || type.GetString() != "package") continue;
                if (!package.Value.TryGetProperty("compile", out var compile) || !libraries.TryGetProperty(package.Name, out var library)) continue;
                if (!library.TryGetProperty("path", out var libraryPath) || libraryPath.GetString() is not { } relative) continue;
                foreach (var file in compile.EnumerateObject().Select(c => c.Name).Where(n => n.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                {
                    var found = folders.Select(folder => Path.Combine(folder, relative, file)).FirstOrDefault(File.Exists);
                    if (found is not null) result.Add(found);
                }
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? NuGetPackagesFolder(Project project) =>
        Property(project, "NuGetPackageRoot")
        ?? (Property(project, "RestorePackagesPath") is { } configured ? ProjectFileReader.FullPath(project.DirectoryPath, configured) : null)
        ?? Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string? Property(Project project, string name) => project.GetPropertyValue(name) is { Length: > 0 } value ? value : null;

    private static bool IsTrue(Project project, string name) => string.Equals(project.GetPropertyValue(name), "true", StringComparison.OrdinalIgnoreCase);
}
