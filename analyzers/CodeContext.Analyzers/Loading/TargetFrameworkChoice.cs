using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// MSBuildWorkspace loads a multi-targeted project once per target framework ("Lib(net8.0)",
/// "Lib(net10.0)"), which would put every document in the graph several times. Keep the newest
/// framework of each project file and point references at the kept copies.
/// </summary>
internal static partial class TargetFrameworkChoice
{
    [GeneratedRegex(@"\((?<tfm>[^()]+)\)$")]
    private static partial Regex TfmSuffix();

    [GeneratedRegex(@"^(?<family>net|netcoreapp|netstandard)(?<version>[0-9.]+)")]
    private static partial Regex TfmParts();

    public static Solution KeepNewestPerProject(Solution solution)
    {
        var groups = solution.Projects
            .Where(p => p.FilePath is not null)
            .GroupBy(p => p.FilePath!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();
        if (groups.Count == 0) return solution;

        var replacement = new Dictionary<ProjectId, ProjectId>();
        foreach (var group in groups)
        {
            var keep = group.OrderByDescending(p => Rank(TfmSuffix().Match(p.Name).Groups["tfm"].Value)).First();
            foreach (var drop in group.Where(p => p.Id != keep.Id)) replacement[drop.Id] = keep.Id;
        }

        foreach (var project in solution.Projects.Where(p => !replacement.ContainsKey(p.Id)).ToList())
        {
            var current = solution.GetProject(project.Id)!;
            foreach (var reference in current.ProjectReferences.Where(r => replacement.ContainsKey(r.ProjectId)).ToList())
            {
                var target = replacement[reference.ProjectId];
                solution = solution.RemoveProjectReference(project.Id, reference);
                if (target != project.Id && !solution.GetProject(project.Id)!.ProjectReferences.Any(r => r.ProjectId == target))
                    solution = solution.AddProjectReference(project.Id, new ProjectReference(target));
            }
        }

        foreach (var drop in replacement.Keys) solution = solution.RemoveProject(drop);
        return solution;
    }

    /// <summary>
    /// One framework to evaluate every project for, so that MSBuild runs one design-time build per
    /// project instead of one per listed framework; null when that could change what loads. It is
    /// the newest framework any project lists; a project that does not list it must be unrestored
    /// (it loads without package references anyway, and a restored one would lack assets for it)
    /// and not platform-specific.
    /// </summary>
    public static string? Pinned(IReadOnlyList<string> projectPaths, RestoreOutputs restore)
    {
        if (!restore.Known) return null;
        var listed = projectPaths.Select(p => (Path: p, Frameworks: ProjectFileReader.TargetFrameworks(p))).ToList();
        if (listed.Count == 0 || listed.Any(p => p.Frameworks is null) || listed.All(p => p.Frameworks!.Count < 2)) return null;
        var newest = listed.SelectMany(p => p.Frameworks!).Where(t => !t.Contains('-')).MaxBy(Rank);
        if (newest is null || Rank(newest).Family != 4) return null;
        foreach (var (path, frameworks) in listed)
        {
            if (frameworks!.Contains(newest, StringComparer.OrdinalIgnoreCase)) continue;
            if (restore.IsRestored(path) || frameworks!.Any(t => t.Contains('-'))) return null;
        }
        return newest;
    }

    /// <summary>Orders target frameworks: modern .NET by version, then .NET Core, .NET Standard, .NET Framework.</summary>
    internal static (int Family, Version Version) Rank(string tfm)
    {
        var match = TfmParts().Match(tfm);
        if (!match.Success) return (0, new Version(0, 0));
        var family = match.Groups["family"].Value;
        var digits = match.Groups["version"].Value;
        if (family == "net" && !digits.Contains('.'))
            return (1, new Version(0, 0)); // net472 and friends: .NET Framework
        _ = Version.TryParse(digits.Contains('.') ? digits : digits + ".0", out var version);
        return (family switch { "net" => 4, "netcoreapp" => 3, _ => 2 }, version ?? new Version(0, 0));
    }
}
