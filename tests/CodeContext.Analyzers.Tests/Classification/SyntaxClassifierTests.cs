using CodeContext.Analyzers.Classification;
using CodeContext.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers.Tests.Classification;

/// <summary>
/// The syntactic classifier against Roslyn's (semantic) one: gray pages colour only comments, doc
/// comments and strings, so those must cover exactly the same characters.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class SyntaxClassifierTests(ShopFixture sample)
{
    private static readonly CodeSpanKind[] GrayKinds = [CodeSpanKind.Comment, CodeSpanKind.DocComment, CodeSpanKind.StringLiteral];

    // Kinds Roslyn also gives from syntax; the classifier matches them as closely as it can, and on
    // these inputs exactly.
    private static readonly CodeSpanKind[] OtherSyntacticKinds = [CodeSpanKind.Keyword, CodeSpanKind.ControlKeyword, CodeSpanKind.NumberLiteral, CodeSpanKind.Preprocessor, CodeSpanKind.Operator, CodeSpanKind.Punctuation];

    [Fact]
    public async Task On_every_sample_file_comments_doc_comments_and_strings_cover_the_characters_Roslyn_gives_them()
    {
        var workspace = sample.Analysis.Workspace;
        Assert.NotEmpty(workspace.Files);
        foreach (var file in workspace.Files)
        {
            await AssertSameCharactersAsync(workspace.GetDocument(file), file.RelativePath, GrayKinds);
        }
    }

    [Fact]
    public async Task On_the_sample_and_tricky_syntax_keywords_literals_operators_and_punctuation_are_where_Roslyn_puts_them()
    {
        var workspace = sample.Analysis.Workspace;
        foreach (var file in workspace.Files)
        {
            await AssertSameCharactersAsync(workspace.GetDocument(file), file.RelativePath, OtherSyntacticKinds);
        }

        foreach (var document in CorpusProject().Documents)
        {
            await AssertSameCharactersAsync(document, document.Name, OtherSyntacticKinds);
        }
    }

    [Fact]
    public async Task On_tricky_syntax_comments_doc_comments_and_strings_cover_the_characters_Roslyn_gives_them()
    {
        var project = CorpusProject();
        foreach (var document in project.Documents)
        {
            await AssertSameCharactersAsync(document, document.Name, GrayKinds);
        }

        // The corpus must reach what it is about: every kind occurs, and names in doc comments stay plain.
        var together = project.Documents.Single(d => d.Name == "together.cs");
        var spans = SyntaxClassifier.Classify((await together.GetSyntaxRootAsync())!);
        var text = (await together.GetTextAsync()).ToString();
        Assert.All(GrayKinds.Concat([CodeSpanKind.Preprocessor, CodeSpanKind.Keyword, CodeSpanKind.NumberLiteral]), kind => Assert.Contains(spans, s => s.Kind == kind));
        var cref = text.IndexOf("List{T}.Add", StringComparison.Ordinal);
        Assert.DoesNotContain(spans, s => s.Start <= cref && cref < s.End);
        var langword = text.IndexOf("\"null\"", StringComparison.Ordinal) + 1;
        Assert.Equal(CodeSpanKind.Keyword, spans.Single(s => s.Start == langword).Kind);
    }

    [Fact]
    public void Spans_are_ordered_and_never_overlap()
    {
        var source = TrickySyntaxCorpus.Files().Single(f => f.Name == "together.cs").Source;
        var spans = SyntaxClassifier.Classify(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source).GetRoot());

        Assert.NotEmpty(spans);
        Assert.All(spans.Zip(spans.Skip(1)), p => Assert.True(p.First.End <= p.Second.Start, $"{p.First} then {p.Second}"));
    }

    private static async Task AssertSameCharactersAsync(Document document, string name, IReadOnlyList<CodeSpanKind> kinds)
    {
        var text = await document.GetTextAsync();
        var roslyn = Positions(await CodeClassifier.ClassifyAsync(document, CancellationToken.None));
        var ours = Positions(SyntaxClassifier.Classify((await document.GetSyntaxRootAsync())!));
        foreach (var kind in kinds)
        {
            AssertSameCharacters(roslyn, ours, kind, text, name);
        }
    }

    private static void AssertSameCharacters(ILookup<CodeSpanKind, int> roslyn, ILookup<CodeSpanKind, int> ours, CodeSpanKind kind, SourceText text, string name)
    {
        var expected = roslyn[kind].ToHashSet();
        var actual = ours[kind].ToHashSet();
        if (expected.SetEquals(actual)) return;
        var differ = expected.Except(actual).Concat(actual.Except(expected)).Order().ToList();
        var at = text.Lines.GetLinePosition(differ[0]);
        Assert.Fail($"{name}:{at.Line + 1}:{at.Character + 1}: {kind} differs on {differ.Count} characters, first {(expected.Contains(differ[0]) ? "Roslyn only" : "syntactic only")} {differ[0]}: {string.Join(", ", differ.Take(20).Select(i => $"'{text[i]}'"))} in: {text.Lines[at.Line]}");
    }

    private static ILookup<CodeSpanKind, int> Positions(IReadOnlyList<CodeSpan> spans) =>
        spans.SelectMany(s => Enumerable.Range(s.Start, s.Length).Select(i => (s.Kind, i))).ToLookup(p => p.Kind, p => p.i);

    // One project for all files: their repeated declarations make some names ambiguous, which
    // changes how Roslyn colours names but must not change comments, doc comments or strings.
    private static Project CorpusProject()
    {
        var solution = new AdhocWorkspace().CurrentSolution;
        var project = solution.AddProject("Corpus", "Corpus", LanguageNames.CSharp).AddMetadataReferences(FrameworkReferences());
        foreach (var (name, source) in TrickySyntaxCorpus.Files())
        {
            project = project.AddDocument(name, SourceText.From(source)).Project;
        }

        return project;
    }

    private static IEnumerable<MetadataReference> FrameworkReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
}
