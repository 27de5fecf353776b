using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Analyzers.Graph;

/// <summary>
/// A document's uses found without binding: each name is matched against the codebase's
/// declarations of that name, narrowed by what the document can see (its namespaces and usings)
/// and by the type a member is qualified with. Cheap (one syntax walk) and approximate: the
/// stand-in for the semantic walk on files a focused analysis does not bind.
/// </summary>
internal static class NameMatchedUses
{
    /// <summary>
    /// A member name declared by more types than this says too little to draw an edge ("Dispose",
    /// "Execute"). One: on the sample, file links found 84 % / right 87 %, against 90 % / 76 % when
    /// up to three types may share the name, and a graph the size binding draws (Polly: 18,753
    /// edges against 19,047; 25,405 with three), so a cold pack's plan looks like a warm one's.
    /// </summary>
    private const int MaxMemberCandidates = 1;

    public static List<SymbolUse> Find(SyntaxNode root, int file, DeclarationIndex index, IReadOnlySet<string> globalUsings)
    {
        var visible = VisibleNamespaces(root, globalUsings);
        var locals = LocalNames(root);
        var uses = new UseRecorder();
        foreach (var node in root.DescendantNodes())
        {
            if (node is not SimpleNameSyntax name || NamesANamespace(name)) continue;
            // A name this file declares itself most likely means its own symbol: no edge.
            if (index.Find(name.Identifier.ValueText) is not { } named || named.DeclaredIn(file)) continue;
            var isLocal = locals.Contains(name.Identifier.ValueText);

            if (named.Types.Count > 0 && !isLocal)
            {
                var kind = UseRecorder.IsInBaseList(name) ? EdgeKind.Inherits : UseRecorder.IsCreated(name) ? EdgeKind.Creates : EdgeKind.ReferencesType;
                foreach (var type in Visible(named.Types, visible)) uses.Add(type.Symbol.Id, type.Symbol.Display, kind, name);
                continue;
            }
            if (isLocal) continue;

            var members = named.AllMembers;
            if (name.Parent is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax qualifier } access && access.Name == name
                && named.On(qualifier.Identifier.ValueText) is { } onType)
                members = onType;
            if (members.Types > MaxMemberCandidates) continue;
            var memberKind = UseRecorder.InvocationOf(name) is not null ? EdgeKind.Calls : UseRecorder.IsWrittenTo(name) ? EdgeKind.WritesMember : EdgeKind.ReadsMember;
            // The use goes to the member's type: a member ID read from syntax lacks its parameter types.
            foreach (var member in members.Entries) uses.Add("T:" + member.Container, member.Symbol.Display, memberKind, name);
        }
        return uses.Uses;
    }

    /// <summary>Types declared in a namespace the document sees; else in one nested under it; else, when the name is nearly unique, all of them.</summary>
    private static IEnumerable<DeclarationIndex.Entry> Visible(List<DeclarationIndex.Entry> types, HashSet<string> visible)
    {
        var exact = types.Where(t => visible.Contains(t.Container)).ToList();
        if (exact.Count > 0) return exact;
        var seen = visible.GetAlternateLookup<ReadOnlySpan<char>>();
        var nested = types.Where(t => UnderAny(t.Container, seen)).ToList();
        if (nested.Count > 0) return nested;
        return types.Count <= 2 ? types : [];
    }

    /// <summary>Whether a namespace lies under one the document sees ("A.B.C" under "A.B" or "A"): some part before a dot is seen.</summary>
    private static bool UnderAny(string container, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> visible)
    {
        for (var dot = container.IndexOf('.'); dot >= 0; dot = container.IndexOf('.', dot + 1))
        {
            if (visible.Contains(container.AsSpan(0, dot))) return true;
        }
        return false;
    }

    private static HashSet<string> VisibleNamespaces(SyntaxNode root, IReadOnlySet<string> globalUsings)
    {
        var visible = new HashSet<string>(globalUsings, StringComparer.Ordinal) { "" };
        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Alias: null, StaticKeyword.RawKind: 0, Name: { } used }:
                    visible.Add(used.ToString());
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    // "namespace A.B.C" sees A.B.C, A.B and A; nested declarations add to their parent's name.
                    var full = string.Join('.', ns.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString()));
                    visible.Add(full);
                    for (var dot = full.LastIndexOf('.'); dot > 0; dot = full.LastIndexOf('.', dot - 1)) visible.Add(full[..dot]);
                    break;
            }
        }
        return visible;
    }

    /// <summary>Names the document declares as locals, parameters or type parameters: a use of one of them is not a use of a member elsewhere.</summary>
    private static HashSet<string> LocalNames(SyntaxNode root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in root.DescendantNodes())
        {
            var identifier = node switch
            {
                VariableDeclaratorSyntax v => v.Identifier,
                ParameterSyntax p => p.Identifier,
                TypeParameterSyntax t => t.Identifier,
                SingleVariableDesignationSyntax d => d.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                CatchDeclarationSyntax c => c.Identifier,
                _ => default,
            };
            if (identifier.RawKind != 0) names.Add(identifier.ValueText);
        }
        return names;
    }

    /// <summary>Whether a name is (part of) a namespace in a using directive or a namespace declaration.</summary>
    private static bool NamesANamespace(SimpleNameSyntax name)
    {
        SyntaxNode current = name;
        while (current.Parent is QualifiedNameSyntax or AliasQualifiedNameSyntax) current = current.Parent;
        return current.Parent is BaseNamespaceDeclarationSyntax or UsingDirectiveSyntax { Alias: null };
    }

    /// <summary>Namespaces every document of a project sees through "global using" directives.</summary>
    public static async Task<IReadOnlySet<string>> GlobalUsingsAsync(Project project, CancellationToken cancellationToken)
    {
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in project.Documents)
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax unit) continue;
            foreach (var directive in unit.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.Alias is null && directive.StaticKeyword.RawKind == 0 && directive.Name is { } used)
                    namespaces.Add(used.ToString());
            }
        }
        return namespaces;
    }
}
