using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Analyzers.Classification;

/// <summary>Which punctuation tokens act as operators where they stand (a '&lt;' of a comparison, not of a type argument list).</summary>
internal static class OperatorKinds
{
    public static bool IsOperator(SyntaxToken token)
    {
        var kind = token.Kind();
        var parent = token.Parent?.Kind() ?? SyntaxKind.None;
        switch (kind)
        {
            case SyntaxKind.LessThanToken or SyntaxKind.GreaterThanToken:
                return parent is not (SyntaxKind.TypeArgumentList or SyntaxKind.TypeParameterList or SyntaxKind.FunctionPointerParameterList);
            case SyntaxKind.ColonToken:
                return parent is SyntaxKind.ConditionalExpression;
            case SyntaxKind.AsteriskToken:
                return parent is not SyntaxKind.PointerType;
            case SyntaxKind.EqualsGreaterThanToken or SyntaxKind.QuestionQuestionToken or SyntaxKind.MinusGreaterThanToken or SyntaxKind.DotToken or SyntaxKind.QuestionToken or SyntaxKind.ColonColonToken:
                return true;
            default:
                return SyntaxFacts.IsBinaryExpressionOperatorToken(kind) || SyntaxFacts.IsAssignmentExpressionOperatorToken(kind)
                    || SyntaxFacts.IsPrefixUnaryExpressionOperatorToken(kind) || SyntaxFacts.IsPostfixUnaryExpression(kind)
                    || kind is SyntaxKind.EqualsToken;
        }
    }
}
