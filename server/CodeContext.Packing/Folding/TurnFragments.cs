using System.Text.RegularExpressions;
using CodeContext.Core;
using CodeContext.Rendering.Layout;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Packing.Folding;

/// <summary>
/// A turn as a renderer fragment: its text under a "turn N, role" label, with fenced C# blocks
/// classified by Roslyn so code keeps its highlighting on the pages as source files do.
/// </summary>
internal static partial class TurnFragments
{
    public static string Label(int index, string role) => $"turn-{index + 1}-{role}";

    public static SourceFragment Of(int index, ConversationTurn turn)
    {
        var text = turn.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Length == 0) text = " ";
        var lines = text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);
        return new SourceFragment(Label(index, turn.Role), 1, Math.Max(1, lines), text, CodeSpans(text));
    }

    private static List<CodeSpan> CodeSpans(string text)
    {
        var spans = new List<CodeSpan>();
        foreach (Match block in CSharpFence().Matches(text))
        {
            var code = block.Groups["code"];
            var tree = CSharpSyntaxTree.ParseText(code.Value);
            // No references: keywords, literals, comments and declared names classify from syntax
            // and the file's own declarations, which is what a chat's snippet has.
            var compilation = CSharpCompilation.Create("turn", [tree]);
            using var workspace = new AdhocWorkspace();
            foreach (var span in CodeContext.Analyzers.Classification.CodeClassifier.Classify(compilation.GetSemanticModel(tree), tree.GetText(), workspace, CancellationToken.None))
            {
                spans.Add(span with { Start = span.Start + code.Index });
            }
        }

        return spans;
    }

    [GeneratedRegex(@"```(?:csharp|cs|c#)[^\n]*\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CSharpFence();
}
