using System.Text;
using System.Text.Json;
using CodeContext.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// What MSBuild told us about a codebase's projects (documents, references, options), saved so that
/// a later run over an unchanged tree rebuilds the same snapshot in milliseconds instead of
/// re-evaluating every project. Valid while the solution and project files, the build props, the
/// restore outputs and the set of C# files are unchanged.
/// </summary>
internal sealed class ProjectModelCache(CacheDirectory cache)
{
    // 2: multi-targeted projects may be evaluated for one pinned framework (TargetFrameworkChoice.Pinned);
    //    signing options are kept (InternalsVisibleTo with a public key depends on them).
    private const int FormatVersion = 2;
    private static readonly string[] BuildInputs = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    public (Solution Solution, IReadOnlyList<DegradedProject> Degraded, string Mode)? TryLoad(LoadTarget target, IReadOnlyList<string> projectPaths)
    {
        var path = FileFor(target);
        if (!File.Exists(path)) return null;
        try
        {
            var model = JsonSerializer.Deserialize<Model>(File.ReadAllBytes(path));
            if (model is null || model.Version != FormatVersion || model.Key != Key(target, projectPaths)) return null;
            if (model.Projects.SelectMany(p => p.MetadataReferences).Any(r => !File.Exists(r))) return null;
            return (Rebuild(model), model.Degraded, model.Mode);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    public void Save(LoadTarget target, IReadOnlyList<string> projectPaths, Solution solution, IReadOnlyList<DegradedProject> degraded, string mode)
    {
        var projects = solution.Projects.Select(p => new ProjectEntry(
            p.Id.Id.ToString(),
            p.Name,
            p.AssemblyName,
            p.FilePath,
            [.. p.ProjectReferences.Select(r => r.ProjectId.Id.ToString())],
            [.. p.MetadataReferences.OfType<PortableExecutableReference>().Select(r => r.FilePath).OfType<string>()],
            [.. p.Documents.Select(d => d.FilePath).OfType<string>()],
            (p.ParseOptions as CSharpParseOptions)?.LanguageVersion.ToString() ?? nameof(LanguageVersion.Latest),
            [.. (p.ParseOptions as CSharpParseOptions)?.PreprocessorSymbolNames ?? []],
            p.CompilationOptions?.OutputKind.ToString() ?? nameof(OutputKind.DynamicallyLinkedLibrary),
            p.CompilationOptions?.NullableContextOptions.ToString() ?? nameof(NullableContextOptions.Enable),
            (p.CompilationOptions as CSharpCompilationOptions)?.AllowUnsafe ?? false,
            p.CompilationOptions?.CryptoKeyFile,
            p.CompilationOptions?.PublicSign ?? false,
            p.CompilationOptions?.DelaySign)).ToList();
        var model = new Model(FormatVersion, Key(target, projectPaths), mode, [.. degraded], projects);
        AtomicFile.WriteAllBytes(FileFor(target), JsonSerializer.SerializeToUtf8Bytes(model));
    }

    private static Solution Rebuild(Model model)
    {
        var solution = new AdhocWorkspace().CurrentSolution;
        // Projects share most references (the framework's 160-odd assemblies): each file is read once.
        var references = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
        var ids = model.Projects.ToDictionary(p => p.Id, p => ProjectId.CreateFromSerialized(Guid.Parse(p.Id), p.Name));
        foreach (var project in model.Projects)
        {
            var id = ids[project.Id];
            var parse = new CSharpParseOptions(
                Enum.TryParse<LanguageVersion>(project.LanguageVersion, out var version) ? version : LanguageVersion.Latest,
                preprocessorSymbols: project.PreprocessorSymbols);
            var compilation = new CSharpCompilationOptions(
                Enum.TryParse<OutputKind>(project.OutputKind, out var kind) ? kind : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: Enum.TryParse<NullableContextOptions>(project.Nullable, out var nullable) ? nullable : NullableContextOptions.Enable,
                allowUnsafe: project.AllowUnsafe,
                cryptoKeyFile: project.CryptoKeyFile,
                publicSign: project.PublicSign,
                delaySign: project.DelaySign,
                // The key gives the assembly its identity, which InternalsVisibleTo with a public key checks.
                strongNameProvider: project.CryptoKeyFile is null ? null : new DesktopStrongNameProvider());
            solution = solution.AddProject(ProjectInfo.Create(
                    id, VersionStamp.Create(), project.Name, project.AssemblyName, LanguageNames.CSharp,
                    filePath: project.FilePath,
                    compilationOptions: compilation,
                    parseOptions: parse,
                    metadataReferences: project.MetadataReferences.Select(r => references.TryGetValue(r, out var known) ? known : references[r] = MetadataReference.CreateFromFile(r)),
                    projectReferences: project.ProjectReferences.Where(ids.ContainsKey).Select(r => new ProjectReference(ids[r])))
                .WithDocuments(project.Documents.Where(File.Exists).Select(file => DocumentInfo.Create(
                    DocumentId.CreateNewId(id, file), Path.GetFileName(file), loader: new FileTextLoader(file, defaultEncoding: null), filePath: file))));
        }
        return solution;
    }

    /// <summary>Everything whose change could change what MSBuild would say about the projects.</summary>
    private static string Key(LoadTarget target, IReadOnlyList<string> projectPaths)
    {
        var key = new StringBuilder();
        key.Append(target.Kind).Append('|').AppendJoin('|', target.Paths).Append('\n');
        foreach (var file in target.Paths.Concat(projectPaths).Concat(BuildInputFiles(target.RootDirectory, projectPaths)).Distinct(StringComparer.Ordinal))
        {
            key.Append(file).Append('=').Append(File.Exists(file) ? ContentHash.Of(File.ReadAllBytes(file)) : "-").Append('\n');
        }
        var restore = RestoreOutputs.For(projectPaths);
        foreach (var assets in projectPaths.SelectMany(restore.AssetsFiles))
            key.Append(assets).Append('@').Append(File.Exists(assets) ? File.GetLastWriteTimeUtc(assets).Ticks : 0).Append('\n');
        foreach (var file in LoadTarget.EnumerateSourceTree(target.RootDirectory, [".cs"])) key.Append(file).Append('\n');
        return ContentHash.Of(key.ToString());
    }

    private static IEnumerable<string> BuildInputFiles(string root, IReadOnlyList<string> projectPaths)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in projectPaths.Select(Path.GetDirectoryName).OfType<string>().Append(root))
        {
            for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir)) folders.Add(dir);
        }
        return folders.SelectMany(folder => BuildInputs.Select(name => Path.Combine(folder, name))).Where(File.Exists);
    }

    private string FileFor(LoadTarget target) =>
        Path.Combine(cache.Area("projects"), ContentHash.Of(target.Kind + "|" + string.Join('|', target.Paths) + "|" + target.RootDirectory)[..24] + ".json");

    private sealed record Model(int Version, string Key, string Mode, List<DegradedProject> Degraded, List<ProjectEntry> Projects);

    private sealed record ProjectEntry(
        string Id, string Name, string AssemblyName, string? FilePath, List<string> ProjectReferences, List<string> MetadataReferences,
        List<string> Documents, string LanguageVersion, List<string> PreprocessorSymbols, string OutputKind, string Nullable, bool AllowUnsafe,
        string? CryptoKeyFile, bool PublicSign, bool? DelaySign);
}
