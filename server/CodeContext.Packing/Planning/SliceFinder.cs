using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeContext.Packing.Planning;

/// <summary>
/// Cuts a large file into line ranges of about a target size, cutting only where a member or type
/// declaration starts (its doc comment included), so each slice is a readable unit.
/// </summary>
public static class SliceFinder
{
    public static IReadOnlyList<(int Start, int End)> Slices(SyntaxTree tree, int lineCount, int targetLines, CancellationToken cancellationToken = default)
    {
        if (lineCount <= targetLines * 3 / 2)
        {
            return [(1, lineCount)];
        }

        var text = tree.GetText(cancellationToken);
        var cuts = new SortedSet<int>();
        foreach (var member in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                     .OfType<MemberDeclarationSyntax>())
        {
            var start = member.GetLeadingTrivia().FirstOrDefault(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));
            var position = start == default ? member.SpanStart : start.SpanStart;
            cuts.Add(text.Lines.GetLineFromPosition(position).LineNumber + 1);
        }

        var slices = new List<(int, int)>();
        var from = 1;
        while (from <= lineCount)
        {
            var limit = from + targetLines;
            if (limit > lineCount || lineCount - from + 1 <= targetLines * 3 / 2)
            {
                slices.Add((from, lineCount));
                break;
            }

            // Latest cut that keeps the slice within the target, else the first one after it, else a hard cut.
            var cut = cuts.GetViewBetween(from + 1, limit).Reverse().FirstOrDefault();
            if (cut == 0)
            {
                cut = cuts.GetViewBetween(limit + 1, Math.Min(lineCount, from + 2 * targetLines)).FirstOrDefault();
            }

            if (cut == 0)
            {
                cut = limit;
            }

            slices.Add((from, cut - 1));
            from = cut;
        }

        return slices;
    }
}
