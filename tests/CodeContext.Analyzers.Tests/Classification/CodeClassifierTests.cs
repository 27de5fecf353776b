using CodeContext.Analyzers.Classification;
using CodeContext.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers.Tests.Classification;

public sealed class CodeClassifierTests
{
    [Fact]
    public async Task Roslyn_classes_become_span_kinds()
    {
        const string source = """
            namespace Shop;
            /// <summary>Doc.</summary>
            public interface IPriced { decimal Price { get; } }
            public sealed class Order : IPriced
            {
                private readonly int _count = 42;
                public decimal Price => Compute(_count, "eur"); // cheap
                private static decimal Compute(int count, string currency)
                {
                    var total = count * 2m;
                    if (total > 10) return total;
                    return 0;
                }
            }
            """;
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("P", LanguageNames.CSharp)
            .AddMetadataReference(MetadataReference.CreateFromFile(typeof(object).Assembly.Location));
        var document = project.AddDocument("Order.cs", SourceText.From(source));
        var spans = await CodeClassifier.ClassifyAsync(document, CancellationToken.None);

        CodeSpanKind KindAt(string token, int occurrence = 0)
        {
            var pattern = char.IsLetterOrDigit(token[0]) || token[0] == '_' ? $@"(?<![\w]){System.Text.RegularExpressions.Regex.Escape(token)}(?![\w])" : System.Text.RegularExpressions.Regex.Escape(token);
            var index = System.Text.RegularExpressions.Regex.Matches(source, pattern)[occurrence].Index;
            return spans.Single(s => s.Start == index).Kind;
        }

        Assert.Equal(CodeSpanKind.Keyword, KindAt("public"));
        Assert.Equal(CodeSpanKind.ControlKeyword, KindAt("if"));
        Assert.Equal(CodeSpanKind.InterfaceName, KindAt("IPriced"));
        Assert.Equal(CodeSpanKind.TypeName, KindAt("Order"));
        Assert.Equal(CodeSpanKind.MethodName, KindAt("Compute"));
        Assert.Equal(CodeSpanKind.FieldName, KindAt("_count"));
        Assert.Equal(CodeSpanKind.PropertyName, KindAt("Price", 1));
        Assert.Equal(CodeSpanKind.ParameterName, KindAt("count", 1));
        Assert.Equal(CodeSpanKind.LocalName, KindAt("total"));
        Assert.Equal(CodeSpanKind.NumberLiteral, KindAt("42"));
        Assert.Equal(CodeSpanKind.StringLiteral, KindAt("\"eur\""));
        Assert.Equal(CodeSpanKind.Comment, KindAt("// cheap"));
        Assert.Equal(CodeSpanKind.DocComment, KindAt("///"));
        Assert.Equal(CodeSpanKind.NamespaceName, KindAt("Shop"));

        for (var i = 1; i < spans.Count; i++)
        {
            Assert.True(spans[i].Start >= spans[i - 1].End, "spans must not overlap");
        }
    }
}
