using Microsoft.CodeAnalysis;

namespace CodeContext.Analyzers.Ranking;

/// <summary>Finds the symbol under a 1-based line:column in a document (declared or referenced).</summary>
public static class CursorSymbol
{
    public static async Task<string?> FindIdAsync(Document document, int line, int column, CancellationToken cancellationToken = default)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (line < 1 || line > text.Lines.Count) return null;
        var textLine = text.Lines[line - 1];
        var position = Math.Clamp(textLine.Start + Math.Max(0, column - 1), textLine.Start, Math.Max(textLine.Start, textLine.End - 1));
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return null;

        var token = root.FindToken(position);
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            // The innermost node that names a symbol with an ID wins; locals have none, so the
            // walk goes on to their member.
            var symbol = model.GetSymbolInfo(node, cancellationToken).Symbol ?? model.GetDeclaredSymbol(node, cancellationToken);
            if (symbol is null) continue;
            if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor) symbol = ctor.ContainingType;
            var id = symbol.OriginalDefinition.GetDocumentationCommentId();
            if (id is not null) return id;
        }
        return null;
    }
}
