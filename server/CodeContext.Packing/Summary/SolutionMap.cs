using System.Globalization;
using System.Text;
using System.Xml;
using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;
using CodeContext.Core.Sources;

namespace CodeContext.Packing.Summary;

/// <summary>One project as the solution map shows it.</summary>
/// <param name="Path">The project file, relative to the root (or the project's name when it has none).</param>
/// <param name="Frameworks">Target frameworks as MSBuild evaluated them; for a project it did not evaluate, as the project
/// file (or a Directory.Build.props above it inside the root) declares them; empty when neither says.</param>
/// <param name="Kind">exe or library.</param>
/// <param name="FrameworksOutsideRoot">MSBuild did not evaluate the project and nothing inside the root declares its frameworks: whatever sets them lies outside the root, which the load does not read.</param>
public sealed record ProjectSummary(
    string Name, string Path, IReadOnlyList<string> Frameworks, string Kind, int Files, IReadOnlyList<string> References,
    IReadOnlyList<string> EntryPoints, IReadOnlyList<string> PublicTypes, bool FrameworksOutsideRoot = false)
{
    /// <summary>What the map says for a project's targets when it knows none.</summary>
    public const string OutsideRoot = "declared outside the root";
}

/// <summary>
/// The solution at a glance: its projects, what each targets and references, its entry points
/// and its public types, read from the loaded workspace and each file's syntax. This is what a
/// reader of the whole repository needs first, so summarize puts it in the active file's place.
/// </summary>
public static class SolutionMap
{
    /// <summary>At most this many public type names per project in the prompt's map (the report lists them all).</summary>
    private const int TypesShown = 40;

    /// <summary>Project files larger than this are not read for their frameworks (a project file is a few kilobytes).</summary>
    private const long MaxProjectFileBytes = 1 << 20;

    public static IReadOnlyList<ProjectSummary> Build(LoadedWorkspace workspace, IReadOnlyDictionary<string, FileTraits> traits)
    {
        var filesByProject = workspace.Files.ToLookup(f => f.ProjectId);
        var names = workspace.Solution.Projects.ToDictionary(p => p.Id, p => p.Name);
        return [.. workspace.Solution.Projects
            .Where(p => filesByProject[p.Id].Any())
            .Select(p =>
            {
                var files = filesByProject[p.Id].ToList();
                var fileTraits = files.Select(f => (f.RelativePath, Traits: traits.GetValueOrDefault(f.RelativePath))).ToList();
                var evaluated = p.FilePath is { } path ? workspace.EvaluatedFrameworks.GetValueOrDefault(path) : null;
                var frameworks = evaluated ?? (p.FilePath is null ? [] : Frameworks(p.FilePath, workspace.RootDirectory));
                return new ProjectSummary(
                    p.Name,
                    p.FilePath is { } file && RepoPath.IsUnder(workspace.RootDirectory, file) ? RepoPath.Relative(workspace.RootDirectory, file) : p.Name,
                    frameworks,
                    p.CompilationOptions?.OutputKind is Microsoft.CodeAnalysis.OutputKind.ConsoleApplication or Microsoft.CodeAnalysis.OutputKind.WindowsApplication ? "exe" : "library",
                    files.Count,
                    [.. p.ProjectReferences.Select(r => names.GetValueOrDefault(r.ProjectId)).OfType<string>().Order(StringComparer.Ordinal)],
                    [.. fileTraits.Where(t => t.Traits?.EntryPoint == true).Select(t => t.RelativePath)],
                    [.. fileTraits.SelectMany(t => t.Traits?.PublicTypes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    FrameworksOutsideRoot: evaluated is null && frameworks.Count == 0);
            })
            .OrderBy(p => p.Path, StringComparer.Ordinal)];
    }

    /// <summary>The map as markdown for the prompt; <paramref name="withTypes"/> adds each project's public types (whole-repository mode).</summary>
    public static string Text(IReadOnlyList<ProjectSummary> projects, bool withTypes)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        foreach (var p in projects)
        {
            s.Append(c, $"- {p.Name} ({p.Path}): {p.Kind}");
            if (p.Frameworks.Count > 0) s.Append(c, $", {string.Join(", ", p.Frameworks)}");
            else if (p.FrameworksOutsideRoot) s.Append(c, $", target frameworks {ProjectSummary.OutsideRoot}");
            s.Append(c, $", {p.Files} files");
            if (p.References.Count > 0) s.Append(c, $"; references {string.Join(", ", p.References)}");
            s.Append('\n');
            if (p.EntryPoints.Count > 0) s.Append(c, $"  entry points: {string.Join(", ", p.EntryPoints)}\n");
            if (withTypes && p.PublicTypes.Count > 0)
            {
                s.Append(c, $"  public types: {string.Join(", ", p.PublicTypes.Take(TypesShown))}");
                if (p.PublicTypes.Count > TypesShown) s.Append(c, $" and {p.PublicTypes.Count - TypesShown} more");
                s.Append('\n');
            }
        }

        return s.ToString();
    }

    /// <summary>For a project MSBuild did not evaluate: TargetFramework(s) from the project file, else from the nearest Directory.Build.props up to the root.</summary>
    private static IReadOnlyList<string> Frameworks(string projectFile, string root)
    {
        if (Declared(projectFile) is { } own) return own;
        for (var dir = Path.GetDirectoryName(projectFile); dir is not null && RepoPath.IsUnder(root, dir); dir = Path.GetDirectoryName(dir))
        {
            if (Declared(Path.Combine(dir, "Directory.Build.props")) is { } inherited) return inherited;
        }

        return [];
    }

    private static IReadOnlyList<string>? Declared(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists || info.Length > MaxProjectFileBytes || info.LinkTarget is not null) return null;
        try
        {
            // A project file is text of the codebase like any other: it goes through the gate; no DTDs.
            var text = SourceGate.Admit(File.ReadAllText(file)).Text;
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "TargetFramework" or "TargetFrameworks")
                {
                    var value = reader.ReadElementContentAsString();
                    // An MSBuild expression says nothing to a reader without its evaluation.
                    if (!value.Contains("$(", StringComparison.Ordinal))
                        return [.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                }
            }
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // An unreadable project file only leaves its frameworks out of the map.
        }

        return null;
    }
}
