using CodeContext.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using CodeContext.Analyzers.Classification;

namespace CodeContext.Analyzers.Graph;

/// <summary>
/// One walk over a document's syntax tree and semantic model: its declarations, every use of a
/// source symbol with the kind of use, and its identifier bag; and, when asked, its classified
/// spans from the same bound model.
/// </summary>
internal static class DocumentAnalyzer
{
    public static async Task<(DocumentFacts Facts, (SourceText Text, IReadOnlyList<CodeSpan> Spans)? Classified)> AnalyzeAsync(
        Document document, bool isTest, bool classify, CancellationToken cancellationToken)
    {
        var (text, root) = await SyntaxAsync(document, cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{document.FilePath} has no semantic model");
        var declarations = CollectDeclarations(root, model, cancellationToken);
        var uses = new UseRecorder();

        foreach (var node in root.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case SimpleNameSyntax name:
                    RecordName(name, model, uses, cancellationToken);
                    break;
                case ImplicitObjectCreationExpressionSyntax creation:
                    if (model.GetSymbolInfo(creation, cancellationToken).Symbol is IMethodSymbol ctor)
                        Record(uses, ctor.ContainingType, EdgeKind.Creates, creation);
                    break;
                case MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.OverrideKeyword):
                    var declared = model.GetDeclaredSymbol(member, cancellationToken);
                    var overridden = declared switch
                    {
                        IMethodSymbol m => (ISymbol?)m.OverriddenMethod,
                        IPropertySymbol p => p.OverriddenProperty,
                        IEventSymbol e => e.OverriddenEvent,
                        _ => null,
                    };
                    if (overridden is not null) Record(uses, overridden, EdgeKind.Overrides, member);
                    break;
            }
        }

        var facts = new DocumentFacts
        {
            TextHash = ContentHash.Of(text.ToString()),
            IsTest = isTest,
            Declarations = declarations,
            Uses = uses.Uses,
            Identifiers = IdentifiersOf(root),
        };
        return classify ? (facts, (text, CodeClassifier.Classify(model, text, document.Project.Solution.Workspace, cancellationToken))) : (facts, null);
    }

    /// <summary>
    /// A document's declarations and identifiers from its syntax alone: what name matching
    /// (<see cref="NameMatchedUses"/>) needs to stand in for the semantic walk. Its uses are
    /// filled in once every file's declarations are known.
    /// </summary>
    public static async Task<DocumentFacts> OutlineAsync(Document document, bool isTest, CancellationToken cancellationToken)
    {
        var (text, root) = await SyntaxAsync(document, cancellationToken).ConfigureAwait(false);
        return new DocumentFacts
        {
            TextHash = ContentHash.Of(text.ToString()),
            IsTest = isTest,
            Declarations = SyntacticDeclarations.Collect(root),
            Uses = [],
            Identifiers = IdentifiersOf(root),
            NameMatched = true,
        };
    }

    private static async Task<(SourceText Text, SyntaxNode Root)> SyntaxAsync(Document document, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{document.FilePath} has no syntax tree");
        return (text, root);
    }

    /// <summary>Each identifier's count, in order of first appearance (counted in place: grouping tokens first cost a fifth of a large codebase's name matching).</summary>
    private static Dictionary<string, int> IdentifiersOf(SyntaxNode root)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in root.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken)) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, token.ValueText, out _)++;
        }
        return counts;
    }

    private static void RecordName(SimpleNameSyntax name, SemanticModel model, UseRecorder uses, CancellationToken cancellationToken)
    {
        // In "a.B.C" only the rightmost name decides the use; qualifiers are recorded on their own visit.
        ISymbol? symbol = InvokedMethod(name, model, cancellationToken);
        if (symbol is null)
        {
            var info = model.GetSymbolInfo(name, cancellationToken);
            symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        }

        if (symbol is null) return;

        switch (symbol)
        {
            case INamedTypeSymbol type:
                var kind = EdgeKind.ReferencesType;
                if (UseRecorder.IsInBaseList(name)) kind = type.TypeKind == TypeKind.Interface ? EdgeKind.Implements : EdgeKind.Inherits;
                else if (UseRecorder.IsCreated(name)) kind = EdgeKind.Creates;
                Record(uses, type, kind, name);
                break;
            case IMethodSymbol method when method.MethodKind == MethodKind.Constructor:
                Record(uses, method.ContainingType, EdgeKind.Creates, name);
                break;
            case IMethodSymbol method:
                Record(uses, method.ReducedFrom ?? method, EdgeKind.Calls, name);
                break;
            case IPropertySymbol or IFieldSymbol or IEventSymbol:
                Record(uses, symbol, UseRecorder.IsWrittenTo(name) ? EdgeKind.WritesMember : EdgeKind.ReadsMember, name);
                break;
        }
    }

    /// <summary>
    /// The method a name invokes ("F()", "x.F()", "x?.F()"), asked of the invocation: asked of the
    /// name, Roslyn also lists every candidate of the method group, extension methods in scope
    /// included (a tenth of the graph walk). Null when the name is not invoked, or invokes a
    /// delegate: then the name itself (a field, a local) is the use.
    /// </summary>
    private static IMethodSymbol? InvokedMethod(SimpleNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (UseRecorder.InvocationOf(name) is not { } invocation) return null;
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        var method = (info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) as IMethodSymbol;
        return method is { MethodKind: not MethodKind.DelegateInvoke } ? method : null;
    }

    private static void Record(UseRecorder uses, ISymbol symbol, EdgeKind kind, SyntaxNode at)
    {
        symbol = symbol.OriginalDefinition;
        if (!symbol.Locations.Any(l => l.IsInSource)) return;
        var id = symbol.GetDocumentationCommentId();
        if (id is null) return;
        uses.Add(id, Display(symbol), kind, at);
    }

    private static List<DeclaredSymbol> CollectDeclarations(SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        var declarations = new List<DeclaredSymbol>();
        var tree = root.SyntaxTree;
        foreach (var node in root.DescendantNodes().OfType<MemberDeclarationSyntax>())
        {
            if (node is not (BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)) continue;
            if (model.GetDeclaredSymbol(node, cancellationToken) is not INamedTypeSymbol type) continue;
            Add(type, node, isType: true);
            foreach (var member in type.GetMembers())
            {
                if (member is INamedTypeSymbol) continue; // nested types have their own declaration node
                if (member.IsImplicitlyDeclared && member is not IPropertySymbol) continue;
                var location = member.Locations.FirstOrDefault(l => l.SourceTree == tree);
                if (location is null) continue;
                Add(member, null, isType: false, location);
            }
        }
        return declarations;

        void Add(ISymbol symbol, SyntaxNode? node, bool isType, Location? location = null)
        {
            var id = symbol.GetDocumentationCommentId();
            if (id is null) return;
            var line = (location ?? node!.GetLocation()).GetLineSpan().StartLinePosition.Line + 1;
            declarations.Add(new DeclaredSymbol(id, symbol.Name, Display(symbol), line, isType));
        }
    }

    internal static string Display(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol type => type.Name,
        IMethodSymbol { MethodKind: MethodKind.Constructor } ctor => ctor.ContainingType.Name,
        _ when symbol.ContainingType is not null => $"{symbol.ContainingType.Name}.{symbol.Name}",
        _ => symbol.Name,
    };
}
