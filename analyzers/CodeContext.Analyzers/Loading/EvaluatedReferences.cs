using System.Text.Json;
using Microsoft.Build.Evaluation;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// What a project's compilation references, derived from its evaluation as the SDK's
/// reference-resolving targets would: the targeting packs of its framework references, the
/// compile assets the restore output lists, HintPath references, and for an unrestored project
/// the packages an earlier restore left in the local NuGet folder. Reads only; MSBuild must be
/// registered before this is JIT-compiled.
/// </summary>
internal static class EvaluatedReferences
{
    /// <summary>Every reference assembly a project compiles against: framework packs, restored packages, HintPath references.</summary>
    public static IEnumerable<string> Of(Project project, RestoreOutputs restore)
    {
        var framework = FrameworkReferences(project).ToList();
        if (framework.Count == 0 && project.Property("TargetFrameworkIdentifier") == ".NETCoreApp")
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
        var framework = project.Property("TargetFramework");
        if (framework is null) yield break;
        var known = project.GetItems("KnownFrameworkReference")
            .Where(k => string.Equals(k.GetMetadataValue("TargetFramework"), framework, StringComparison.OrdinalIgnoreCase))
            .GroupBy(k => k.EvaluatedInclude, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var roots = new[] { project.Property("NetCoreTargetingPackRoot"), NuGetPackagesFolder(project) }.OfType<string>().ToList();
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
            var framework = project.Property("TargetFramework");
            var moniker = project.Property("TargetFrameworkMoniker");
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

    internal static string? NuGetPackagesFolder(Project project) =>
        project.Property("NuGetPackageRoot")
        ?? (project.Property("RestorePackagesPath") is { } configured ? ProjectFileReader.FullPath(project.DirectoryPath, configured) : null)
        ?? Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// For each project without restore output: its packages, and those of the projects it
    /// references (a restore flows them through), from the local NuGet cache.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<string>> UnrestoredPackages(IReadOnlyList<Project> projects, RestoreOutputs restore)
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
            if (project.Property("TargetFramework") is { } framework) result[project.FullPath] = cache.CompileAssemblies(requested, framework);
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
}
