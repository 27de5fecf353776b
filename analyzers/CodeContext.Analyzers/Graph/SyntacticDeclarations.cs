using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Analyzers.Graph;

/// <summary>
/// A document's declarations read from its syntax alone, for files a focused analysis does not
/// bind. Type IDs are exactly the documentation IDs Roslyn gives; members' are too except for
/// parameter lists (which would need binding): a use of such a member resolves to its type's files
/// (<see cref="EdgeResolver"/>).
/// </summary>
internal static class SyntacticDeclarations
{
    public static List<DeclaredSymbol> Collect(SyntaxNode root)
    {
        var declarations = new List<DeclaredSymbol>();
        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (NameOf(node) is not { } named) continue;
            var typeId = TypeId(node);
            var typeName = named.Identifier.ValueText;
            declarations.Add(new DeclaredSymbol("T:" + typeId, typeName, typeName, LineOf(node.GetLocation()), IsType: true));
            foreach (var (prefix, name, suffix, at) in Members(node))
            {
                var display = name == "#ctor" ? typeName : $"{typeName}.{name}";
                var idName = name == "this[]" ? "Item" : name;
                declarations.Add(new DeclaredSymbol($"{prefix}:{typeId}.{idName}{suffix}", name == "#ctor" ? ".ctor" : name, display, LineOf(at.GetLocation()), IsType: false));
            }
        }
        return declarations;
    }

    private static int LineOf(Location location) => location.GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>"Shop.Domain.Order`1.Line": namespaces, containing types, name and arity as documentation IDs write them.</summary>
    private static string TypeId(SyntaxNode type)
    {
        var parts = new List<string>();
        foreach (var node in type.AncestorsAndSelf())
        {
            if (NameOf(node) is { } named) parts.Add(Arity(named.Identifier.ValueText, named.Arity, "`"));
            else if (node is BaseNamespaceDeclarationSyntax ns) parts.Add(ns.Name.ToString().Replace(" ", "", StringComparison.Ordinal));
        }
        parts.Reverse();
        return string.Join('.', parts);
    }

    /// <summary>A type's or delegate's name and generic arity; null for any other node.</summary>
    private static (SyntaxToken Identifier, int Arity)? NameOf(SyntaxNode node) => node switch
    {
        TypeDeclarationSyntax t => (t.Identifier, t.TypeParameterList?.Parameters.Count ?? 0),
        BaseTypeDeclarationSyntax e => (e.Identifier, 0),
        DelegateDeclarationSyntax d => (d.Identifier, d.TypeParameterList?.Parameters.Count ?? 0),
        _ => null,
    };

    private static string Arity(string name, int arity, string tick) => arity == 0 ? name : $"{name}{tick}{arity}";

    /// <summary>Each member a type declares in this node: ID prefix, name, ID suffix, and where its name is.</summary>
    private static IEnumerable<(char Prefix, string Name, string Suffix, SyntaxToken At)> Members(SyntaxNode type)
    {
        if (type is TypeDeclarationSyntax { ParameterList: { } primary } withPrimary)
            yield return ('M', "#ctor", Parameters(primary), withPrimary.Identifier);
        if (type is RecordDeclarationSyntax record)
        {
            // A record class declares EqualityContract; a positional record's parameters are its properties.
            if (!record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)) yield return ('P', "EqualityContract", "", record.Identifier);
            // A parameter handed on to the base record ("record B(int X) : A(X)") is most likely the
            // base's own property, which the compiler then does not declare again.
            var handedOn = record.BaseList?.Types.OfType<PrimaryConstructorBaseTypeSyntax>()
                .SelectMany(b => b.ArgumentList.Arguments).Select(a => a.Expression).OfType<IdentifierNameSyntax>()
                .Select(n => n.Identifier.ValueText).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var parameter in record.ParameterList?.Parameters ?? [])
            {
                if (!handedOn.Contains(parameter.Identifier.ValueText)) yield return ('P', parameter.Identifier.ValueText, "", parameter.Identifier);
            }
        }

        var members = type switch
        {
            TypeDeclarationSyntax t => t.Members.AsEnumerable(),
            EnumDeclarationSyntax e => e.Members,
            _ => [],
        };
        foreach (var member in members)
        {
            switch (member)
            {
                case MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } m:
                    yield return ('M', m.Identifier.ValueText, Arity("", m.TypeParameterList?.Parameters.Count ?? 0, "``") + Parameters(m.ParameterList), m.Identifier);
                    break;
                case OperatorDeclarationSyntax o when OperatorName(o) is { } operatorName:
                    yield return ('M', operatorName, Parameters(o.ParameterList), o.OperatorToken);
                    break;
                case ConversionOperatorDeclarationSyntax conversion:
                    yield return ('M', conversion.ImplicitOrExplicitKeyword.IsKind(SyntaxKind.ImplicitKeyword) ? "op_Implicit" : "op_Explicit", Parameters(conversion.ParameterList), conversion.Type.GetFirstToken());
                    break;
                case ConstructorDeclarationSyntax c:
                    yield return ('M', c.Modifiers.Any(SyntaxKind.StaticKeyword) ? "#cctor" : "#ctor", Parameters(c.ParameterList), c.Identifier);
                    break;
                case PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } p:
                    yield return ('P', p.Identifier.ValueText, "", p.Identifier);
                    foreach (var accessor in Accessors(p, p.Identifier.ValueText, "")) yield return accessor;
                    break;
                case IndexerDeclarationSyntax { ExplicitInterfaceSpecifier: null } indexer:
                    // Roslyn names an indexer "this[]" but writes "Item" in its ID.
                    yield return ('P', "this[]", Parameters(indexer.ParameterList), indexer.ThisKeyword);
                    foreach (var accessor in Accessors(indexer, "Item", Parameters(indexer.ParameterList))) yield return accessor;
                    break;
                case EventDeclarationSyntax { ExplicitInterfaceSpecifier: null } e:
                    yield return ('E', e.Identifier.ValueText, "", e.Identifier);
                    foreach (var accessor in Accessors(e, e.Identifier.ValueText, "")) yield return accessor;
                    break;
                case BaseFieldDeclarationSyntax f:
                    var prefix = f is EventFieldDeclarationSyntax ? 'E' : 'F';
                    foreach (var variable in f.Declaration.Variables) yield return (prefix, variable.Identifier.ValueText, "", variable.Identifier);
                    break;
                case EnumMemberDeclarationSyntax e:
                    yield return ('F', e.Identifier.ValueText, "", e.Identifier);
                    break;
            }
        }
    }

    /// <summary>Accessors written out ("get;", "set { }", "=> x") are methods of their own: get_X, set_X, add_X, remove_X.</summary>
    private static IEnumerable<(char, string, string, SyntaxToken)> Accessors(BasePropertyDeclarationSyntax property, string name, string parameters)
    {
        var expressionBody = property switch
        {
            PropertyDeclarationSyntax p => p.ExpressionBody,
            IndexerDeclarationSyntax i => i.ExpressionBody,
            _ => null,
        };
        if (expressionBody is not null)
        {
            yield return ('M', "get_" + name, parameters, expressionBody.Expression.GetFirstToken());
            yield break;
        }
        foreach (var accessor in property.AccessorList?.Accessors ?? [])
        {
            var prefix = accessor.Keyword.Kind() switch
            {
                SyntaxKind.GetKeyword => "get_",
                SyntaxKind.SetKeyword or SyntaxKind.InitKeyword => "set_",
                SyntaxKind.AddKeyword => "add_",
                SyntaxKind.RemoveKeyword => "remove_",
                _ => null,
            };
            if (prefix is null) continue;
            // Every accessor but get takes the value as its last parameter.
            var withValue = prefix == "get_" ? parameters
                : parameters.Length == 0 ? $"({property.Type})" : $"{parameters[..^1]},{property.Type})";
            yield return ('M', prefix + name, withValue, accessor.Keyword);
        }
    }

    /// <summary>The metadata name of a user-defined operator ("op_Addition"); null for the rare ones not listed.</summary>
    private static string? OperatorName(OperatorDeclarationSyntax o)
    {
        var unary = o.ParameterList.Parameters.Count == 1;
        return o.OperatorToken.Kind() switch
        {
            SyntaxKind.PlusToken => unary ? "op_UnaryPlus" : "op_Addition",
            SyntaxKind.MinusToken => unary ? "op_UnaryNegation" : "op_Subtraction",
            SyntaxKind.AsteriskToken => "op_Multiply",
            SyntaxKind.SlashToken => "op_Division",
            SyntaxKind.PercentToken => "op_Modulus",
            SyntaxKind.EqualsEqualsToken => "op_Equality",
            SyntaxKind.ExclamationEqualsToken => "op_Inequality",
            SyntaxKind.LessThanToken => "op_LessThan",
            SyntaxKind.GreaterThanToken => "op_GreaterThan",
            SyntaxKind.LessThanEqualsToken => "op_LessThanOrEqual",
            SyntaxKind.GreaterThanEqualsToken => "op_GreaterThanOrEqual",
            SyntaxKind.ExclamationToken => "op_LogicalNot",
            SyntaxKind.TildeToken => "op_OnesComplement",
            SyntaxKind.PlusPlusToken => "op_Increment",
            SyntaxKind.MinusMinusToken => "op_Decrement",
            SyntaxKind.TrueKeyword => "op_True",
            SyntaxKind.FalseKeyword => "op_False",
            SyntaxKind.AmpersandToken => "op_BitwiseAnd",
            SyntaxKind.BarToken => "op_BitwiseOr",
            SyntaxKind.CaretToken => "op_ExclusiveOr",
            SyntaxKind.LessThanLessThanToken => "op_LeftShift",
            SyntaxKind.GreaterThanGreaterThanToken => "op_RightShift",
            SyntaxKind.GreaterThanGreaterThanGreaterThanToken => "op_UnsignedRightShift",
            _ => null,
        };
    }

    /// <summary>Parameter types as written: exact IDs need them bound, so these only keep overloads apart.</summary>
    private static string Parameters(BaseParameterListSyntax list)
    {
        if (list.Parameters.Count == 0) return "";
        var text = new StringBuilder("(");
        foreach (var parameter in list.Parameters)
        {
            if (text.Length > 1) text.Append(',');
            text.Append(parameter.Type?.ToString() ?? "?");
        }
        return text.Append(')').ToString();
    }
}
