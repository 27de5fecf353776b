using System.Diagnostics;
using System.Globalization;
using CodeContext.Analyzers.Classification;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using Microsoft.CodeAnalysis.CSharp;

// Syntactic vs semantic classification over every C# file of a codebase loaded by the product's
// loader (real references, so Roslyn binds as it does in a pack). For gray pages only Comment,
// DocComment and StringLiteral are coloured: characters that differ in those kinds must be 0.
// Agreement on all kinds is over characters either side colours; identifiers count against the
// syntactic classifier (it leaves them plain, Roslyn colours them as symbols), so it is also given
// over the characters Roslyn colours with a syntactic kind.
//
// usage: ClassifyBench <solution, project or folder> [--no-msbuild] [--show N]

var arguments = args.ToList();
if (arguments.Count == 0)
{
    Console.Error.WriteLine("usage: ClassifyBench <path> [--no-msbuild] [--show N]");
    return 2;
}

var show = arguments.IndexOf("--show") is var at and >= 0 ? int.Parse(arguments[at + 1], CultureInfo.InvariantCulture) : 20;
var workspace = await WorkspaceLoader.LoadAsync(arguments[0], new LoadOptions { NoMsBuild = arguments.Contains("--no-msbuild"), Log = Console.Error });
Console.Error.WriteLine($"loaded {workspace.Files.Count} files ({workspace.LoadMode})");

CodeSpanKind[] Gray = [CodeSpanKind.Comment, CodeSpanKind.DocComment, CodeSpanKind.StringLiteral];
CodeSpanKind[] Semantic = [CodeSpanKind.TypeName, CodeSpanKind.InterfaceName, CodeSpanKind.MethodName, CodeSpanKind.PropertyName, CodeSpanKind.FieldName, CodeSpanKind.LocalName, CodeSpanKind.ParameterName, CodeSpanKind.NamespaceName];
long grayDiff = 0, classified = 0, agreed = 0, syntacticRoslyn = 0, syntacticAgreed = 0;
double syntaxMs = 0, semanticMs = 0;
var shown = 0;
var mismatches = new Dictionary<string, int>(StringComparer.Ordinal);
var examples = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var file in workspace.Files)
{
    var document = workspace.GetDocument(file);
    var text = await document.GetTextAsync();
    var root = await document.GetSyntaxRootAsync() ?? throw new InvalidOperationException($"{file.RelativePath} has no syntax tree");

    var clock = Stopwatch.StartNew();
    var syntactic = SyntaxClassifier.Classify(root);
    syntaxMs += clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var semantic = await CodeClassifier.ClassifyAsync(document, CancellationToken.None);
    semanticMs += clock.Elapsed.TotalMilliseconds;

    var ours = PerCharacter(syntactic, text.Length);
    var roslyn = PerCharacter(semantic, text.Length);
    for (var i = 0; i < text.Length; i++)
    {
        var (r, s) = (roslyn[i], ours[i]);
        if (r == CodeSpanKind.Plain && s == CodeSpanKind.Plain) continue;
        classified++;
        if (r == s) agreed++;
        if (r != CodeSpanKind.Plain && !Semantic.Contains(r))
        {
            syntacticRoslyn++;
            if (r == s) syntacticAgreed++;
        }

        if (r != s && (Gray.Contains(r) || Gray.Contains(s)))
        {
            grayDiff++;
            if (shown++ < show)
            {
                var line = text.Lines.GetLinePosition(i);
                Console.WriteLine($"gray diff {file.RelativePath}:{line.Line + 1}:{line.Character + 1} roslyn {r} ours {s}: {text.Lines[line.Line].ToString().Trim()}");
            }
        }
        else if (r != s && !Semantic.Contains(r))
        {
            var token = root.FindToken(i, findInsideTrivia: true);
            var key = $"{r} vs {s}: {token.Kind()} in {token.Parent?.Kind()}";
            mismatches[key] = mismatches.GetValueOrDefault(key) + 1;
            examples.TryAdd(key, $"{file.RelativePath}:{text.Lines.GetLinePosition(i).Line + 1} '{token.Text}'");
        }
    }
}

foreach (var (key, count) in mismatches.OrderByDescending(m => m.Value).Take(show))
{
    Console.WriteLine($"{count,8}  {key}  (e.g. {examples[key]})");
}

var files = Math.Max(1, workspace.Files.Count);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files {workspace.Files.Count}; Comment/DocComment/StringLiteral characters that differ: {grayDiff}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"agreement on all kinds {100.0 * agreed / Math.Max(1, classified):0.00} % of {classified} classified characters; on characters Roslyn colours with a syntactic kind {100.0 * syntacticAgreed / Math.Max(1, syntacticRoslyn):0.00} % of {syntacticRoslyn}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time per file: syntactic {syntaxMs / files:0.000} ms, semantic (Roslyn, binds the file) {semanticMs / files:0.00} ms; totals {syntaxMs / 1000:0.00} s vs {semanticMs / 1000:0.00} s"));
return 0;

static CodeSpanKind[] PerCharacter(IReadOnlyList<CodeSpan> spans, int length)
{
    var kinds = new CodeSpanKind[length];
    foreach (var span in spans)
    {
        Array.Fill(kinds, span.Kind, span.Start, Math.Min(span.Length, length - span.Start));
    }

    return kinds;
}

