using CodeContext.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Classification;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers.Classification;

/// <summary>
/// Roslyn classification (syntactic and semantic: a type vs a method vs a local) reduced to the
/// span kinds themes colour. Additive classifications ("static symbol") and unclassified text are
/// left out, so every returned span has one meaningful kind and spans never overlap.
/// </summary>
public static class CodeClassifier
{
    private static readonly Dictionary<string, CodeSpanKind> Kinds = new(StringComparer.Ordinal)
    {
        [ClassificationTypeNames.Keyword] = CodeSpanKind.Keyword,
        [ClassificationTypeNames.ControlKeyword] = CodeSpanKind.ControlKeyword,
        [ClassificationTypeNames.ClassName] = CodeSpanKind.TypeName,
        [ClassificationTypeNames.RecordClassName] = CodeSpanKind.TypeName,
        [ClassificationTypeNames.StructName] = CodeSpanKind.TypeName,
        [ClassificationTypeNames.RecordStructName] = CodeSpanKind.TypeName,
        [ClassificationTypeNames.EnumName] = CodeSpanKind.TypeName,
        [ClassificationTypeNames.DelegateName] = CodeSpanKind.TypeName,
        [ClassificationTypeNames.TypeParameterName] = CodeSpanKind.TypeName,
        [ClassificationTypeNames.ModuleName] = CodeSpanKind.TypeName,
        [ClassificationTypeNames.InterfaceName] = CodeSpanKind.InterfaceName,
        [ClassificationTypeNames.MethodName] = CodeSpanKind.MethodName,
        [ClassificationTypeNames.ExtensionMethodName] = CodeSpanKind.MethodName,
        [ClassificationTypeNames.PropertyName] = CodeSpanKind.PropertyName,
        [ClassificationTypeNames.EventName] = CodeSpanKind.PropertyName,
        [ClassificationTypeNames.FieldName] = CodeSpanKind.FieldName,
        [ClassificationTypeNames.ConstantName] = CodeSpanKind.FieldName,
        [ClassificationTypeNames.EnumMemberName] = CodeSpanKind.FieldName,
        [ClassificationTypeNames.LocalName] = CodeSpanKind.LocalName,
        [ClassificationTypeNames.ParameterName] = CodeSpanKind.ParameterName,
        [ClassificationTypeNames.NamespaceName] = CodeSpanKind.NamespaceName,
        [ClassificationTypeNames.StringLiteral] = CodeSpanKind.StringLiteral,
        [ClassificationTypeNames.VerbatimStringLiteral] = CodeSpanKind.StringLiteral,
        [ClassificationTypeNames.StringEscapeCharacter] = CodeSpanKind.StringLiteral,
        [ClassificationTypeNames.NumericLiteral] = CodeSpanKind.NumberLiteral,
        [ClassificationTypeNames.Comment] = CodeSpanKind.Comment,
        [ClassificationTypeNames.PreprocessorKeyword] = CodeSpanKind.Preprocessor,
        [ClassificationTypeNames.PreprocessorText] = CodeSpanKind.Preprocessor,
        [ClassificationTypeNames.Operator] = CodeSpanKind.Operator,
        [ClassificationTypeNames.OperatorOverloaded] = CodeSpanKind.Operator,
        [ClassificationTypeNames.Punctuation] = CodeSpanKind.Punctuation,
    };

    /// <summary>Classified spans of the whole <paramref name="document"/>, ordered, non-overlapping (hosts keep them per file text and cut fragments from them).</summary>
    public static async Task<IReadOnlyList<CodeSpan>> ClassifyAsync(Document document, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{document.FilePath} has no semantic model");
        return Classify(model, text, document.Project.Solution.Workspace, cancellationToken);
    }

    /// <summary>
    /// The same, from a semantic model the caller already holds: the graph walk classifies with the
    /// model it has just bound, so rendering never binds a method body a second time.
    /// </summary>
    public static IReadOnlyList<CodeSpan> Classify(SemanticModel model, SourceText text, Workspace workspace, CancellationToken cancellationToken)
    {
        // The only public entry that takes a bound model; its async successor takes a Document and
        // binds that document's own (nullable-disabled) model again, which is the cost avoided here.
#pragma warning disable CS0618
        var classified = Classifier.GetClassifiedSpans(model, new TextSpan(0, text.Length), workspace, cancellationToken);
#pragma warning restore CS0618
        var result = new List<CodeSpan>();
        foreach (var item in classified.OrderBy(c => c.TextSpan.Start))
        {
            var kind = KindOf(item.ClassificationType);
            if (kind is null)
            {
                continue;
            }

            // Roslyn may report one range twice; the later, more specific one wins.
            if (result.Count > 0 && result[^1].Start == item.TextSpan.Start && result[^1].Length == item.TextSpan.Length)
            {
                result[^1] = new CodeSpan(item.TextSpan.Start, item.TextSpan.Length, kind.Value);
                continue;
            }

            if (result.Count > 0 && item.TextSpan.Start < result[^1].End)
            {
                continue;
            }

            result.Add(new CodeSpan(item.TextSpan.Start, item.TextSpan.Length, kind.Value));
        }

        return result;
    }

    /// <summary>The span kind of a Roslyn classification type name; null for additive or uncoloured ones.</summary>
    public static CodeSpanKind? KindOf(string classificationType)
    {
        if (Kinds.TryGetValue(classificationType, out var kind))
        {
            return kind;
        }

        return classificationType.StartsWith("xml doc comment", StringComparison.Ordinal) ? CodeSpanKind.DocComment : null;
    }
}
