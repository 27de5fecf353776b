using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers.Loading;

/// <summary>A source the build would generate (global usings, assembly attributes), kept as text: it is never written anywhere.</summary>
internal sealed record GeneratedDocument(string Name, string Text);

/// <summary>
/// What the project system says about one project, enough to build its Roslyn project: documents,
/// references and the options that change binding. Produced by <see cref="ProjectEvaluator"/> and
/// kept by <see cref="ProjectModelCache"/>.
/// </summary>
/// <param name="TargetFrameworks">The target frameworks MSBuild evaluated (TargetFrameworks, else TargetFramework), with what its
/// evaluation imported from outside the root; null for a project MSBuild did not evaluate.</param>
internal sealed record ProjectModel(
    string Id, string Name, string AssemblyName, string? FilePath, List<string> ProjectReferences, List<string> MetadataReferences,
    List<string> Documents, string LanguageVersion, List<string> PreprocessorSymbols, string OutputKind, string Nullable, bool AllowUnsafe,
    string? CryptoKeyFile, bool PublicSign, bool? DelaySign, List<GeneratedDocument> GeneratedDocuments, List<string>? TargetFrameworks = null)
{
    /// <summary>One snapshot holding every project, references wired by id.</summary>
    public static Solution ToSolution(IReadOnlyList<ProjectModel> models, SourceLedger sources)
    {
        var solution = new AdhocWorkspace().CurrentSolution;
        // Projects share most references (the framework's 160-odd assemblies): each file is read once.
        var references = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
        var ids = models.ToDictionary(p => p.Id, p => ProjectId.CreateFromSerialized(Guid.Parse(p.Id), p.Name));
        var acyclic = ProjectReferenceCycles.Break(models.ToDictionary(p => p.Id, p => (IReadOnlyList<string>)[.. p.ProjectReferences.Where(ids.ContainsKey).Distinct(StringComparer.Ordinal)]));
        foreach (var project in models)
        {
            var id = ids[project.Id];
            var parse = new CSharpParseOptions(
                Enum.TryParse<LanguageVersion>(project.LanguageVersion, out var version) ? version : Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest,
                preprocessorSymbols: project.PreprocessorSymbols);
            var compilation = new CSharpCompilationOptions(
                Enum.TryParse<OutputKind>(project.OutputKind, out var kind) ? kind : Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: Enum.TryParse<NullableContextOptions>(project.Nullable, out var nullable) ? nullable : NullableContextOptions.Enable,
                allowUnsafe: project.AllowUnsafe,
                cryptoKeyFile: project.CryptoKeyFile,
                publicSign: project.PublicSign,
                delaySign: project.DelaySign,
                // The key gives the assembly its identity, which InternalsVisibleTo with a public key checks.
                strongNameProvider: project.CryptoKeyFile is null ? null : new DesktopStrongNameProvider());
            var documents = project.Documents.Distinct(StringComparer.Ordinal).Where(File.Exists).Select(file => DocumentInfo.Create(
                    DocumentId.CreateNewId(id, file), Path.GetFileName(file), loader: sources.LoaderFor(file), filePath: file))
                .Concat(project.GeneratedDocuments.Select(generated => DocumentInfo.Create(
                    DocumentId.CreateNewId(id, generated.Name), generated.Name,
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(generated.Text), VersionStamp.Create())))));
            solution = solution.AddProject(ProjectInfo.Create(
                    id, VersionStamp.Create(), project.Name, project.AssemblyName, LanguageNames.CSharp,
                    filePath: project.FilePath,
                    compilationOptions: compilation,
                    parseOptions: parse,
                    // Every reference exists: evaluation lists only files it found, and the cache is not used when one is gone.
                    metadataReferences: project.MetadataReferences.Distinct(StringComparer.Ordinal).Select(r => references.TryGetValue(r, out var known) ? known : references[r] = MetadataReference.CreateFromFile(r)),
                    projectReferences: acyclic[project.Id].Select(r => new ProjectReference(ids[r])))
                .WithDocuments(documents));
        }
        return solution;
    }

    /// <summary>Each evaluated project's target frameworks by project file.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> EvaluatedFrameworks(IEnumerable<ProjectModel> models) =>
        models.Where(m => m is { FilePath: not null, TargetFrameworks: not null })
            .GroupBy(m => m.FilePath!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.First().TargetFrameworks!, StringComparer.Ordinal);

    /// <summary>The model of a project already in a snapshot (a syntax-only fallback), so the cache keeps it with the rest.</summary>
    public static ProjectModel From(Project project) => new(
        project.Id.Id.ToString(),
        project.Name,
        project.AssemblyName,
        project.FilePath,
        [.. project.ProjectReferences.Select(r => r.ProjectId.Id.ToString())],
        [.. project.MetadataReferences.OfType<PortableExecutableReference>().Select(r => r.FilePath).OfType<string>()],
        [.. project.Documents.Select(d => d.FilePath).OfType<string>()],
        (project.ParseOptions as CSharpParseOptions)?.LanguageVersion.ToString() ?? nameof(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest),
        [.. (project.ParseOptions as CSharpParseOptions)?.PreprocessorSymbolNames ?? []],
        project.CompilationOptions?.OutputKind.ToString() ?? nameof(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary),
        project.CompilationOptions?.NullableContextOptions.ToString() ?? nameof(NullableContextOptions.Enable),
        (project.CompilationOptions as CSharpCompilationOptions)?.AllowUnsafe ?? false,
        project.CompilationOptions?.CryptoKeyFile,
        project.CompilationOptions?.PublicSign ?? false,
        project.CompilationOptions?.DelaySign,
        []);
}
