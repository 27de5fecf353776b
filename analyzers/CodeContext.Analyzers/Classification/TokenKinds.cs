using CodeContext.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Analyzers.Classification;

/// <summary>The span kind of one token from its kind and its place in the tree.</summary>
internal static class TokenKinds
{
    public static CodeSpanKind? Of(SyntaxToken token)
    {
        var kind = token.Kind();
        if (IsStringPart(kind))
        {
            return CodeSpanKind.StringLiteral;
        }

        if (kind == SyntaxKind.NumericLiteralToken)
        {
            return CodeSpanKind.NumberLiteral;
        }

        if (kind == SyntaxKind.IdentifierToken)
        {
            return ActsAsKeyword(token) ? CodeSpanKind.Keyword : null;
        }

        if (SyntaxFacts.IsKeywordKind(kind) || kind == SyntaxKind.UnderscoreToken)
        {
            return IsControl(token) ? CodeSpanKind.ControlKeyword : CodeSpanKind.Keyword;
        }

        if (SyntaxFacts.IsPunctuation(kind))
        {
            return OperatorKinds.IsOperator(token) ? CodeSpanKind.Operator : CodeSpanKind.Punctuation;
        }

        return null;
    }

    /// <summary>A token of a preprocessor directive: its keywords are directive text; true/false, literals and operators as in code; the symbols it names plain.</summary>
    public static CodeSpanKind? InDirective(SyntaxToken token)
    {
        var kind = token.Kind();
        if (kind is SyntaxKind.TrueKeyword or SyntaxKind.FalseKeyword)
        {
            return CodeSpanKind.Keyword;
        }

        if (kind == SyntaxKind.HashToken || SyntaxFacts.IsKeywordKind(kind) || SyntaxFacts.IsPreprocessorKeyword(kind))
        {
            return CodeSpanKind.Preprocessor;
        }

        // Conditional symbols and warning ids are names: plain, as Roslyn leaves them.
        if (kind == SyntaxKind.IdentifierToken)
        {
            return null;
        }

        return Of(token);
    }

    public static bool IsUtf8String(SyntaxKind kind) =>
        kind is SyntaxKind.Utf8StringLiteralToken or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken;

    private static bool IsStringPart(SyntaxKind kind) => kind is
        SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.Utf8StringLiteralToken
        or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
        or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken
        or SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedVerbatimStringStartToken
        or SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken
        or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.InterpolatedRawStringEndToken;

    // Keywords that steer control flow get their own colour, but only in the statement they steer
    // ('default' of a switch label, not of a default literal).
    private static bool IsControl(SyntaxToken token) =>
        token.Kind() is SyntaxKind.IfKeyword or SyntaxKind.ElseKeyword or SyntaxKind.WhileKeyword or SyntaxKind.ForKeyword
            or SyntaxKind.ForEachKeyword or SyntaxKind.DoKeyword or SyntaxKind.SwitchKeyword or SyntaxKind.CaseKeyword
            or SyntaxKind.DefaultKeyword or SyntaxKind.TryKeyword or SyntaxKind.CatchKeyword or SyntaxKind.FinallyKeyword
            or SyntaxKind.GotoKeyword or SyntaxKind.BreakKeyword or SyntaxKind.ContinueKeyword or SyntaxKind.ReturnKeyword
            or SyntaxKind.ThrowKeyword or SyntaxKind.YieldKeyword or SyntaxKind.AwaitKeyword or SyntaxKind.InKeyword or SyntaxKind.WhenKeyword
        && token.Parent?.Kind() is SyntaxKind.IfStatement or SyntaxKind.ElseClause or SyntaxKind.WhileStatement
            or SyntaxKind.ForStatement or SyntaxKind.ForEachStatement or SyntaxKind.ForEachVariableStatement or SyntaxKind.DoStatement
            or SyntaxKind.SwitchStatement or SyntaxKind.CaseSwitchLabel or SyntaxKind.CasePatternSwitchLabel or SyntaxKind.DefaultSwitchLabel
            or SyntaxKind.TryStatement or SyntaxKind.CatchClause or SyntaxKind.FinallyClause
            or SyntaxKind.GotoStatement or SyntaxKind.GotoCaseStatement or SyntaxKind.GotoDefaultStatement
            or SyntaxKind.BreakStatement or SyntaxKind.ContinueStatement or SyntaxKind.ReturnStatement
            or SyntaxKind.ThrowStatement or SyntaxKind.ThrowExpression or SyntaxKind.YieldReturnStatement or SyntaxKind.YieldBreakStatement
            or SyntaxKind.AwaitExpression or SyntaxKind.SwitchExpression or SyntaxKind.CatchFilterClause or SyntaxKind.WhenClause;

    // Names the language reads as keywords where they stand (Roslyn colours them so once bound;
    // a type actually named 'var' or 'dynamic' is too rare to bind for).
    private static bool ActsAsKeyword(SyntaxToken token)
    {
        if (token.Parent is ParameterSyntax { Parent: ParameterListSyntax { Parent: ParenthesizedLambdaExpressionSyntax } list })
        {
            // Two or more '_' parameters of a lambda are all discards; a single one is a name.
            return token.ValueText == "_" && list.Parameters.Count(p => p.Identifier.ValueText == "_") > 1;
        }

        if (token.Parent is not IdentifierNameSyntax name)
        {
            return false;
        }

        return token.ValueText switch
        {
            "var" => name.Parent is VariableDeclarationSyntax or DeclarationExpressionSyntax or ForEachStatementSyntax or RefTypeSyntax or ScopedTypeSyntax,
            "nameof" => name.Parent is InvocationExpressionSyntax invocation && invocation.Expression == name,
            "unmanaged" or "notnull" => name.Parent is TypeConstraintSyntax,
            "dynamic" or "nint" or "nuint" => !IsAccessedMember(name) && name.Parent is not ArgumentSyntax,
            "_" => name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name || name.Parent is ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword },
            "args" => name.Parent is not NameColonSyntax && name.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null,
            "value" => name.FirstAncestorOrSelf<AccessorDeclarationSyntax>()?.Kind() is SyntaxKind.SetAccessorDeclaration or SyntaxKind.InitAccessorDeclaration or SyntaxKind.AddAccessorDeclaration or SyntaxKind.RemoveAccessorDeclaration,
            _ => false,
        };
    }

    private static bool IsAccessedMember(IdentifierNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name;
}
