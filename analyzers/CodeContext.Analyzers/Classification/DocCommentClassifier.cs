using CodeContext.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Analyzers.Classification;

/// <summary>
/// A documentation comment's XML as doc comment, except what Roslyn reads as code: a cref's
/// reference and a param/typeparam name, whose names it colours as the symbols they name (plain
/// for a theme without semantic colours) and whose keywords and punctuation as code.
/// </summary>
internal static class DocCommentClassifier
{
    public static void Classify(DocumentationCommentTriviaSyntax comment, SpanSink sink)
    {
        foreach (var token in comment.DescendantTokens(descendIntoTrivia: false))
        {
            Trivia(token.LeadingTrivia, sink);
            // Line breaks inside the comment are layout, not comment text.
            if (!token.IsKind(SyntaxKind.XmlTextLiteralNewLineToken))
            {
                sink.Add(token.Span.Start, token.Span.Length, IsCode(token) ? TokenKinds.Of(token) : IsLangword(token) ? CodeSpanKind.Keyword : CodeSpanKind.DocComment);
            }

            Trivia(token.TrailingTrivia, sink);
        }
    }

    private static bool IsCode(SyntaxToken token) =>
        token.Parent is { } parent && (parent.FirstAncestorOrSelf<CrefSyntax>() is not null || parent.Parent is XmlNameAttributeSyntax { Identifier: var name } && name == parent);

    // <see langword="null"/> names a keyword, which Roslyn colours as one.
    private static bool IsLangword(SyntaxToken token) =>
        token.IsKind(SyntaxKind.XmlTextLiteralToken) && token.Parent is XmlTextAttributeSyntax { Name.LocalName.ValueText: "langword" }
        && (SyntaxFacts.GetKeywordKind(token.ValueText) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(token.ValueText) != SyntaxKind.None);

    private static void Trivia(SyntaxTriviaList list, SpanSink sink)
    {
        foreach (var trivia in list)
        {
            if (!trivia.IsKind(SyntaxKind.DocumentationCommentExteriorTrivia))
            {
                continue;
            }

            // A continuation line's exterior starts with the line's indentation: only the slashes
            // (or the star) are the comment's delimiter.
            var text = trivia.ToString();
            var indent = 0;
            while (indent < text.Length && char.IsWhiteSpace(text[indent]))
            {
                indent++;
            }

            sink.Add(trivia.Span.Start + indent, text.Length - indent, CodeSpanKind.DocComment);
        }
    }
}
