using System.Text.RegularExpressions;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Which one target framework a multi-targeted project is evaluated for: every document would
/// otherwise be in the graph once per framework.
/// </summary>
internal static partial class TargetFrameworkChoice
{
    [GeneratedRegex(@"^(?<family>net|netcoreapp|netstandard)(?<version>[0-9.]+)")]
    private static partial Regex TfmParts();

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
