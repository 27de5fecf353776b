using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Analyzers.Outline;

/// <summary>
/// A file's outline: the same C# with every member body elided, so declarations, exact signatures,
/// attributes and doc summaries stay while statements go. It is a syntax rewrite, so the result
/// still parses as C# (bodies become an empty block holding a marker comment).
/// </summary>
public static class OutlineBuilder
{
    /// <summary>The marker that stands where a body was.</summary>
    public const string Elided = "/* … */";

    public static string Build(SyntaxTree tree, CancellationToken cancellationToken = default)
    {
        var root = tree.GetRoot(cancellationToken);
        var rewritten = new BodyElider().Visit(root);
        return rewritten.ToFullString();
    }

    public static string Build(string source, CancellationToken cancellationToken = default) =>
        Build(CSharpSyntaxTree.ParseText(source, cancellationToken: cancellationToken), cancellationToken);

    private sealed class BodyElider : CSharpSyntaxRewriter
    {
        private static BlockSyntax ElidedBlock()
        {
            var open = SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space)
                .WithTrailingTrivia(SyntaxFactory.Space, SyntaxFactory.Comment(Elided), SyntaxFactory.Space);
            var close = SyntaxFactory.Token(SyntaxKind.CloseBraceToken);
            return SyntaxFactory.Block(open, default, close);
        }

        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
            Elide(node, node.Body, node.ExpressionBody, (n, b) => n.WithBody(b).WithExpressionBody(null).WithSemicolonToken(default));

        public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
            Elide(node, node.Body, node.ExpressionBody, (n, b) => n.WithBody(b).WithExpressionBody(null).WithSemicolonToken(default));

        public override SyntaxNode? VisitDestructorDeclaration(DestructorDeclarationSyntax node) =>
            Elide(node, node.Body, node.ExpressionBody, (n, b) => n.WithBody(b).WithExpressionBody(null).WithSemicolonToken(default));

        public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node) =>
            Elide(node, node.Body, node.ExpressionBody, (n, b) => n.WithBody(b).WithExpressionBody(null).WithSemicolonToken(default));

        public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node) =>
            Elide(node, node.Body, node.ExpressionBody, (n, b) => n.WithBody(b).WithExpressionBody(null).WithSemicolonToken(default));

        public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node) =>
            Elide(node, node.Body, node.ExpressionBody, (n, b) => n.WithBody(b).WithExpressionBody(null).WithSemicolonToken(default));

        public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) => node;

        // An expression-bodied property or indexer (`int X => ...;`) becomes `int X { get { /* … */ } }`.
        public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node) =>
            node.ExpressionBody is null
                ? base.VisitPropertyDeclaration(node)
                : node.WithExpressionBody(null).WithSemicolonToken(default)
                    .WithIdentifier(node.Identifier.WithTrailingTrivia())
                    .WithAccessorList(ElidedGetter(node.SemicolonToken));

        public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node) =>
            node.ExpressionBody is null
                ? base.VisitIndexerDeclaration(node)
                : node.WithExpressionBody(null).WithSemicolonToken(default)
                    .WithParameterList(node.ParameterList.WithTrailingTrivia())
                    .WithAccessorList(ElidedGetter(node.SemicolonToken));

        private static AccessorListSyntax ElidedGetter(SyntaxToken semicolon)
        {
            var getter = SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, ElidedBlock()).WithLeadingTrivia(SyntaxFactory.Space);
            return SyntaxFactory.AccessorList(SyntaxFactory.SingletonList(getter))
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(semicolon.TrailingTrivia));
        }

        private static SyntaxNode Elide<T>(T node, BlockSyntax? body, ArrowExpressionClauseSyntax? arrow, Func<T, BlockSyntax, T> replace)
            where T : SyntaxNode
        {
            if (body is null && arrow is null)
            {
                return node;
            }

            // Trailing trivia of the last token (newline, end-of-line comment) moves to the new close brace.
            var trailing = node.GetLastToken().TrailingTrivia;
            var block = ElidedBlock();
            block = block.WithCloseBraceToken(block.CloseBraceToken.WithTrailingTrivia(trailing));
            var result = replace(node, block);
            // Whatever preceded the old body (`)` then newline) loses its trailing newline so the body sits on the signature line.
            var beforeBody = result.ChildNodesAndTokens().TakeWhile(c => c.AsNode() is not BlockSyntax).LastOrDefault();
            if (beforeBody.IsToken)
            {
                result = result.ReplaceToken(beforeBody.AsToken(), beforeBody.AsToken().WithTrailingTrivia());
            }
            else if (beforeBody.AsNode() is { } previous)
            {
                result = result.ReplaceNode(previous, previous.WithTrailingTrivia());
            }

            return result;
        }
    }
}
