using CodeContext.Analyzers.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Analyzers.Ranking;

/// <summary>What a file offers a reader of the whole repository, read from its syntax alone.</summary>
/// <param name="EntryPoint">It declares a static Main or holds top-level statements.</param>
/// <param name="PublicDeclarations">Public types and public members of public types: the API it adds to its project.</param>
/// <param name="PublicTypes">Display names of its public types, for the solution map.</param>
public sealed record FileTraits(bool EntryPoint, int PublicDeclarations, IReadOnlyList<string> PublicTypes)
{
    private static readonly CSharpParseOptions LatestParse = new(LanguageVersion.Latest);

    /// <summary>Traits of every context file, keyed by relative path. Syntax only: nothing is bound.</summary>
    public static async Task<IReadOnlyDictionary<string, FileTraits>> ReadAsync(LoadedWorkspace workspace, CancellationToken ct)
    {
        var result = new System.Collections.Concurrent.ConcurrentDictionary<string, FileTraits>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(workspace.Files, new ParallelOptions { CancellationToken = ct }, async (file, token) =>
        {
            var root = await workspace.GetDocument(file).GetSyntaxRootAsync(token).ConfigureAwait(false);
            // A project whose language version the load could not learn parses newer syntax (records,
            // file-scoped namespaces) as errors: what a file declares is read with the newest parser then.
            if (root is { ContainsDiagnostics: true } && root.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                root = await CSharpSyntaxTree.ParseText(root.GetText(), LatestParse, cancellationToken: token).GetRootAsync(token).ConfigureAwait(false);
            if (root is CompilationUnitSyntax unit) result[file.RelativePath] = Of(unit);
        }).ConfigureAwait(false);
        return result;
    }

    public static FileTraits Of(CompilationUnitSyntax unit)
    {
        var entry = unit.Members.OfType<GlobalStatementSyntax>().Any(g => !g.ContainsDiagnostics)
            || unit.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == "Main" && m.Modifiers.Any(SyntaxKind.StaticKeyword));
        var types = unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .OfType<BaseTypeDeclarationSyntax>()
            .Where(IsPublicAllTheWay)
            .ToList();
        var members = types.OfType<TypeDeclarationSyntax>()
            .SelectMany(t => t.Members.Where(m => m is not BaseTypeDeclarationSyntax && (m.Modifiers.Any(SyntaxKind.PublicKeyword) || t is InterfaceDeclarationSyntax)))
            .Count();
        return new FileTraits(entry, types.Count + members, [.. types.Select(t => t.Identifier.ValueText).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Public itself and inside public types only: a public nested type of an internal one is not API.</summary>
    private static bool IsPublicAllTheWay(BaseTypeDeclarationSyntax type)
    {
        for (SyntaxNode? node = type; node is not null; node = node.Parent)
        {
            if (node is BaseTypeDeclarationSyntax declared && !declared.Modifiers.Any(SyntaxKind.PublicKeyword)) return false;
        }

        return true;
    }
}
