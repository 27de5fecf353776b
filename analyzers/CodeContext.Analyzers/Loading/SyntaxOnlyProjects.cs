using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// The fallback when MSBuild cannot load a project: a project made of the files themselves plus the
/// running framework's reference assemblies. Syntax is exact; semantics cover everything that does
/// not need the project's package references.
/// </summary>
internal static class SyntaxOnlyProjects
{
    private static readonly Lazy<IReadOnlyList<string>> FrameworkAssemblies = new(FindFrameworkAssemblies);
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() => [.. FrameworkAssemblies.Value.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))]);

    /// <summary>The running framework's assemblies: the stand-in reference set for projects whose own could not be resolved.</summary>
    public static IReadOnlyList<string> FrameworkAssemblyPaths => FrameworkAssemblies.Value;

    public static Solution AddProject(Solution solution, string name, string? projectFilePath, IEnumerable<string> csFiles, IEnumerable<ProjectId> references, SourceLedger sources)
    {
        var id = ProjectId.CreateNewId(name);
        var info = ProjectInfo.Create(
                id,
                VersionStamp.Create(),
                name,
                name,
                LanguageNames.CSharp,
                filePath: projectFilePath,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
                metadataReferences: FrameworkReferences.Value,
                projectReferences: references.Select(r => new ProjectReference(r)))
            .WithDocuments(csFiles.Select(file => DocumentInfo.Create(
                DocumentId.CreateNewId(id, file),
                Path.GetFileName(file),
                loader: sources.LoaderFor(file),
                filePath: file)));
        return solution.AddProject(info);
    }

    private static IReadOnlyList<string> FindFrameworkAssemblies()
    {
        // The host's trusted platform assemblies are the framework this process runs on: a good
        // stand-in for the reference assemblies of a project whose own references could not be resolved.
        var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        return [.. tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll" or "System.dll"))];
    }
}
