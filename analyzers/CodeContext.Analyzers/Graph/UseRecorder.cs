using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Analyzers.Graph;

/// <summary>
/// A document's uses as they are found, one per (symbol, kind) with its first line and count:
/// shared by the semantic walk and name matching so both describe a use the same way.
/// </summary>
internal sealed class UseRecorder
{
    private readonly Dictionary<(string, EdgeKind), SymbolUse> _uses = [];

    public void Add(string id, string display, EdgeKind kind, SyntaxNode at)
    {
        if (_uses.TryGetValue((id, kind), out var existing))
        {
            _uses[(id, kind)] = existing with { Count = existing.Count + 1 };
            return;
        }

        var line = at.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        _uses[(id, kind)] = new SymbolUse(id, display, kind, EnclosingMember(at), line, 1);
    }

    public List<SymbolUse> Uses => [.. _uses.Values.OrderBy(u => u.Line)];

    /// <summary>Whether a name sits in a type's base list ("class A : B, IC").</summary>
    public static bool IsInBaseList(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is BaseTypeSyntax) return current.Parent is BaseListSyntax;
            if (current is not (NameSyntax or TypeArgumentListSyntax)) return false;
        }
        return false;
    }

    /// <summary>Whether a name is created with "new" ("new A()", "new N.A()").</summary>
    public static bool IsCreated(SimpleNameSyntax name) =>
        name.Parent is ObjectCreationExpressionSyntax || (name.Parent is QualifiedNameSyntax q && q.Parent is ObjectCreationExpressionSyntax && q.Right == name);

    public static bool IsWrittenTo(SimpleNameSyntax name)
    {
        SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return target.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == target,
            PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword),
            _ => false,
        };
    }

    /// <summary>The invocation a name is the callee of ("F()", "x.F()", "x?.F()"), or null.</summary>
    public static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
    {
        SyntaxNode invoked = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding when binding.Name == name => binding,
            _ => name,
        };
        return invoked.Parent is InvocationExpressionSyntax invocation && invocation.Expression == invoked ? invocation : null;
    }

    private static string EnclosingMember(SyntaxNode node)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            var name = ancestor switch
            {
                MethodDeclarationSyntax m => m.Identifier.ValueText,
                ConstructorDeclarationSyntax c => c.Identifier.ValueText,
                PropertyDeclarationSyntax p => p.Identifier.ValueText,
                _ => null,
            };
            if (name is null)
            {
                if (ancestor is BaseTypeDeclarationSyntax t) return t.Identifier.ValueText;
                continue;
            }
            var type = ancestor.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault();
            return type is null ? name : $"{type.Identifier.ValueText}.{name}";
        }
        return "(top level)";
    }
}
