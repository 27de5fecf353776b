using CodeContext.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Analyzers.Classification;

/// <summary>
/// Span kinds from a file's tokens and trivia alone: keywords, literals, comments, doc comments,
/// directives, operators and punctuation, with identifiers left plain. No semantic model is bound,
/// so a file costs a parse instead of binding every method body. Comments, doc comments and string
/// literals cover exactly the characters Roslyn's classifier gives those kinds (names a doc comment
/// refers to stay plain, as Roslyn colours them as symbols), which is what a theme that colours
/// only those kinds needs to draw the same pixels as from semantic spans.
/// </summary>
public static class SyntaxClassifier
{
    /// <summary>Classified spans of the whole tree under <paramref name="root"/>, ordered, non-overlapping.</summary>
    public static IReadOnlyList<CodeSpan> Classify(SyntaxNode root)
    {
        var sink = new SpanSink();
        foreach (var token in root.DescendantTokens(descendIntoTrivia: false))
        {
            ClassifyToken(token, sink);
        }

        return sink.Spans;
    }

    private static void ClassifyToken(SyntaxToken token, SpanSink sink)
    {
        ClassifyTrivia(token.LeadingTrivia, sink);
        if (TokenKinds.IsUtf8String(token.Kind()))
        {
            // The u8 suffix is not part of the string Roslyn colours.
            sink.Add(token.Span.Start, token.Span.Length - 2, CodeSpanKind.StringLiteral);
            sink.Add(token.Span.End - 2, 2, CodeSpanKind.Keyword);
        }
        else
        {
            sink.Add(token.Span.Start, token.Span.Length, TokenKinds.Of(token));
        }

        ClassifyTrivia(token.TrailingTrivia, sink);
    }

    private static void ClassifyTrivia(SyntaxTriviaList list, SpanSink sink)
    {
        foreach (var trivia in list)
        {
            switch (trivia.Kind())
            {
                case SyntaxKind.SingleLineCommentTrivia:
                case SyntaxKind.MultiLineCommentTrivia:
                    sink.Add(trivia.Span.Start, trivia.Span.Length, CodeSpanKind.Comment);
                    break;
                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                    DocCommentClassifier.Classify((DocumentationCommentTriviaSyntax)trivia.GetStructure()!, sink);
                    break;
                case SyntaxKind.SkippedTokensTrivia:
                    foreach (var skipped in ((SkippedTokensTriviaSyntax)trivia.GetStructure()!).Tokens)
                    {
                        ClassifyToken(skipped, sink);
                    }

                    break;
                default:
                    if (trivia.IsDirective)
                    {
                        ClassifyDirective((DirectiveTriviaSyntax)trivia.GetStructure()!, sink);
                    }

                    break;
            }
        }
    }

    private static void ClassifyDirective(DirectiveTriviaSyntax directive, SpanSink sink)
    {
        foreach (var token in directive.DescendantTokens(descendIntoTrivia: false))
        {
            foreach (var trivia in token.LeadingTrivia)
            {
                DirectiveTrivia(trivia, sink);
            }

            sink.Add(token.Span.Start, token.Span.Length, TokenKinds.InDirective(token));
            foreach (var trivia in token.TrailingTrivia)
            {
                DirectiveTrivia(trivia, sink);
            }
        }
    }

    // A directive's message (#region's name, #error's text) reads as directive text; a comment
    // after a directive is still a comment.
    private static void DirectiveTrivia(SyntaxTrivia trivia, SpanSink sink)
    {
        if (trivia.IsKind(SyntaxKind.PreprocessingMessageTrivia))
        {
            sink.Add(trivia.Span.Start, trivia.Span.Length, CodeSpanKind.Preprocessor);
        }
        else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
        {
            sink.Add(trivia.Span.Start, trivia.Span.Length, CodeSpanKind.Comment);
        }
    }
}

/// <summary>Collects spans in text order, dropping empty and uncoloured ones.</summary>
internal sealed class SpanSink
{
    public List<CodeSpan> Spans { get; } = [];

    public void Add(int start, int length, CodeSpanKind? kind)
    {
        if (kind is not { } k || length <= 0)
        {
            return;
        }

        Spans.Add(new CodeSpan(start, length, k));
    }
}
