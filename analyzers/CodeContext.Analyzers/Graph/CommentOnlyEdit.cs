using Microsoft.CodeAnalysis;

namespace CodeContext.Analyzers.Graph;

/// <summary>
/// Whether an edit changed only comments or whitespace and left every token on its line: then a
/// document's facts (declarations, uses and their lines, identifiers) are what they were, and the
/// graph and the ranker carry over without an analysis.
/// </summary>
internal static class CommentOnlyEdit
{
    public static async Task<bool> IsAsync(Document before, Document after, CancellationToken cancellationToken)
    {
        var oldRoot = await before.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var newRoot = await after.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (oldRoot is null || newRoot is null) return false;
        var oldTokens = oldRoot.DescendantTokens().GetEnumerator();
        var newTokens = newRoot.DescendantTokens().GetEnumerator();
        var oldLines = oldRoot.SyntaxTree.GetText(cancellationToken).Lines;
        var newLines = newRoot.SyntaxTree.GetText(cancellationToken).Lines;
        while (true)
        {
            var more = oldTokens.MoveNext();
            if (more != newTokens.MoveNext()) return false;
            if (!more) return true;
            var (a, b) = (oldTokens.Current, newTokens.Current);
            if (a.RawKind != b.RawKind || a.Text != b.Text) return false;
            if (oldLines.GetLineFromPosition(a.SpanStart).LineNumber != newLines.GetLineFromPosition(b.SpanStart).LineNumber) return false;
        }
    }
}
