using System.Xml.Linq;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Compile-time assemblies of an unrestored project's packages, found in the machine's NuGet
/// packages folder when an earlier restore (of this or any other checkout) left them there. Without
/// restore output the project would bind without any package: every use of a test framework or a
/// logging API an error type, and errors are the binder's slowest path. This reads the folder only:
/// it downloads and writes nothing. Versions: the requested one when present, else the highest
/// present; dependencies are followed through each package's nuspec, nearest framework group first.
/// Frameworks are matched by <see cref="TargetFrameworkChoice.Rank"/> (modern .NET, .NET Core, .NET
/// Standard); a package with nothing for such a framework contributes nothing.
/// </summary>
internal sealed class LocalPackages(string folder)
{
    private readonly Dictionary<string, IReadOnlyList<string>> _versions = new(StringComparer.OrdinalIgnoreCase);

    public static LocalPackages? Find(string? folder) => folder is not null && Directory.Exists(folder) ? new LocalPackages(folder) : null;

    /// <summary>Assemblies of the requested packages and their dependencies, for <paramref name="framework"/>.</summary>
    /// <param name="requested">Package id -> version as written (a version or a range; empty: any).</param>
    public IReadOnlyList<string> CompileAssemblies(IEnumerable<(string Id, string Version)> requested, string framework)
    {
        var target = TargetFrameworkChoice.Rank(framework);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<(string Id, string Version)>(requested);
        var result = new List<string>();
        while (pending.Count > 0)
        {
            var (id, version) = pending.Dequeue();
            if (!seen.Add(id)) continue; // the nearest request wins, as in a restore
            var directory = PackageDirectory(id, version);
            if (directory is null) continue;
            result.AddRange(Assemblies(directory, target));
            foreach (var dependency in Dependencies(directory, id, target)) pending.Enqueue(dependency);
        }
        return result;
    }

    private string? PackageDirectory(string id, string version)
    {
        var versions = Versions(id);
        if (versions.Count == 0) return null;
        var wanted = MinimumVersion(version);
        var exact = versions.FirstOrDefault(v => string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase));
        return Path.Combine(folder, id.ToLowerInvariant(), exact ?? versions[^1]);
    }

    /// <summary>Installed versions of a package, lowest first.</summary>
    private IReadOnlyList<string> Versions(string id)
    {
        if (_versions.TryGetValue(id, out var known)) return known;
        var directory = Path.Combine(folder, id.ToLowerInvariant());
        IReadOnlyList<string> versions = Directory.Exists(directory)
            ? [.. Directory.EnumerateDirectories(directory).Select(Path.GetFileName).OfType<string>().OrderBy(SortKey)]
            : [];
        return _versions[id] = versions;
    }

    private static (Version, bool) SortKey(string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        _ = Version.TryParse(dash < 0 ? version : version[..dash], out var parsed);
        return (parsed ?? new Version(0, 0), dash < 0); // a release sorts after its previews
    }

    /// <summary>"1.2.3", "[1.2.3]", "[1.2.3, )", "(, 2.0]" -> the lowest version the request accepts ("" when none).</summary>
    private static string MinimumVersion(string version)
    {
        var trimmed = version.Trim().TrimStart('[', '(').TrimEnd(']', ')');
        return trimmed.Split(',')[0].Trim();
    }

    /// <summary>ref/ (reference assemblies) before lib/, each at the nearest compatible framework folder.</summary>
    private static IEnumerable<string> Assemblies(string directory, (int Family, Version Version) target)
    {
        foreach (var kind in new[] { "ref", "lib" })
        {
            var root = Path.Combine(directory, kind);
            if (!Directory.Exists(root)) continue;
            var best = Directory.EnumerateDirectories(root)
                .Select(d => (Folder: d, Rank: TargetFrameworkChoice.Rank(Path.GetFileName(d))))
                .Where(d => Compatible(d.Rank, target))
                .OrderByDescending(d => d.Rank)
                .Select(d => d.Folder)
                .FirstOrDefault();
            if (best is null) continue;
            return Directory.EnumerateFiles(best, "*.dll").Order(StringComparer.Ordinal).ToList();
        }
        return [];
    }

    private static IEnumerable<(string Id, string Version)> Dependencies(string directory, string id, (int Family, Version Version) target)
    {
        var nuspec = Path.Combine(directory, id.ToLowerInvariant() + ".nuspec");
        XElement? dependencies;
        try
        {
            dependencies = File.Exists(nuspec) ? XDocument.Load(nuspec).Descendants().FirstOrDefault(e => e.Name.LocalName == "dependencies") : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return [];
        }
        if (dependencies is null) return [];

        var groups = dependencies.Elements().Where(e => e.Name.LocalName == "group").ToList();
        var chosen = groups.Count == 0
            ? dependencies
            : groups.Select(g => (Group: g, Rank: NuspecFramework((string?)g.Attribute("targetFramework"))))
                .Where(g => g.Rank is null || Compatible(g.Rank.Value, target))
                .OrderByDescending(g => g.Rank ?? (0, new Version(0, 0)))
                .Select(g => g.Group)
                .FirstOrDefault();
        if (chosen is null) return [];
        return [.. chosen.Elements()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string?)e.Attribute("id") ?? "", (string?)e.Attribute("version") ?? ""))
            .Where(d => d.Item1.Length > 0)];
    }

    /// <summary>A nuspec group's framework (".NETStandard2.0", ".NETCoreApp3.1", "net8.0") as a folder-style rank; null: every framework.</summary>
    private static (int, Version)? NuspecFramework(string? framework)
    {
        if (string.IsNullOrEmpty(framework)) return null;
        var folder = framework.StartsWith(".NETStandard", StringComparison.OrdinalIgnoreCase) ? "netstandard" + framework[".NETStandard".Length..]
            : framework.StartsWith(".NETCoreApp", StringComparison.OrdinalIgnoreCase) ? "netcoreapp" + framework[".NETCoreApp".Length..]
            : framework.StartsWith(".NETFramework", StringComparison.OrdinalIgnoreCase) ? "net" + framework[".NETFramework".Length..].Replace(".", "", StringComparison.Ordinal)
            : framework.ToLowerInvariant();
        return TargetFrameworkChoice.Rank(folder);
    }

    /// <summary>
    /// What a modern .NET, .NET Core or .NET Standard project may consume: modern .NET and .NET Core
    /// up to its own version, and any .NET Standard up to 2.1 (2.0 for a .NET Standard 2.0 project).
    /// </summary>
    private static bool Compatible((int Family, Version Version) candidate, (int Family, Version Version) target) => (candidate.Family, target.Family) switch
    {
        (4, 4) => candidate.Version <= target.Version,
        (3, 4) => true,
        (3, 3) => candidate.Version <= target.Version,
        (2, 4 or 3) => true,
        (2, 2) => candidate.Version <= target.Version,
        _ => false,
    };
}
