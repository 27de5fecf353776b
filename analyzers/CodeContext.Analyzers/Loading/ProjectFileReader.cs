using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Reads just enough of solution and project files to load them without MSBuild: which projects a
/// solution lists and which projects a project references. Tolerant: a broken file yields nothing.
/// </summary>
internal static partial class ProjectFileReader
{
    [GeneratedRegex("""^Project\("\{[^}]+\}"\)\s*=\s*"[^"]*",\s*"(?<path>[^"]+\.csproj)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SlnProjectLine();

    public static IReadOnlyList<string> SolutionProjects(string solutionPath)
    {
        var directory = Path.GetDirectoryName(solutionPath)!;
        try
        {
            var text = File.ReadAllText(solutionPath);
            IEnumerable<string> relative = solutionPath.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
                ? XDocument.Parse(text).Descendants("Project").Select(p => (string?)p.Attribute("Path")).OfType<string>()
                : SlnProjectLine().Matches(text).Select(m => m.Groups["path"].Value);
            return [.. relative
                .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                .Select(p => FullPath(directory, p))
                .Distinct(StringComparer.Ordinal)];
        }
        catch (System.Xml.XmlException e)
        {
            throw new CodeContext.Core.UserError($"'{solutionPath}' is not a valid solution file: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodeContext.Core.UserError($"'{solutionPath}' cannot be read: {e.Message}");
        }
    }

    public static IReadOnlyList<string> ProjectReferences(string projectPath)
    {
        var directory = Path.GetDirectoryName(projectPath)!;
        try
        {
            return [.. XDocument.Load(projectPath).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => (string?)e.Attribute("Include"))
                .OfType<string>()
                .Select(p => FullPath(directory, p))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return [];
        }
    }

    /// <summary>A path as a project or solution file writes it (Windows separators allowed), made absolute against <paramref name="directory"/>.</summary>
    public static string FullPath(string directory, string path) => Path.GetFullPath(Path.Combine(directory, path.Replace('\\', Path.DirectorySeparatorChar)));

    /// <summary>
    /// The target frameworks a project file names literally (every TargetFramework/TargetFrameworks
    /// element, whatever its condition), or null when it names none or takes one from a property
    /// this reader cannot evaluate.
    /// </summary>
    public static IReadOnlyList<string>? TargetFrameworks(string projectPath)
    {
        try
        {
            var values = XDocument.Load(projectPath).Descendants()
                .Where(e => e.Name.LocalName is "TargetFramework" or "TargetFrameworks")
                .SelectMany(e => e.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(v => v != "$(TargetFrameworks)")
                .ToList();
            if (values.Count == 0 || values.Any(v => v.Contains('$'))) return null;
            return [.. values.Distinct(StringComparer.OrdinalIgnoreCase)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>True when the project asks for NuGet packages (so it needs a restore to be complete).</summary>
    public static bool UsesPackages(string projectPath)
    {
        try
        {
            var document = XDocument.Load(projectPath);
            var sdkStyle = document.Root?.Attribute("Sdk") is not null;
            return sdkStyle || document.Descendants().Any(e => e.Name.LocalName == "PackageReference");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>The C# files that belong to a project folder: below it, but not below a nested project.</summary>
    public static IReadOnlyList<string> SourceFilesOf(string projectPath, IReadOnlySet<string> allProjectDirectories)
    {
        var directory = Path.GetDirectoryName(projectPath)!;
        return [.. LoadTarget.EnumerateSourceTree(directory, [".cs"])
            .Where(file => OwningDirectory(file, allProjectDirectories) == directory)];
    }

    private static string? OwningDirectory(string file, IReadOnlySet<string> projectDirectories)
    {
        for (var dir = Path.GetDirectoryName(file); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (projectDirectories.Contains(dir)) return dir;
        }
        return null;
    }
}
