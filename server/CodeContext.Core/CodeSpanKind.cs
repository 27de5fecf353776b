namespace CodeContext.Core;

/// <summary>
/// What a span of source is, as far as colouring cares. Produced from Roslyn classification
/// (analyzers) and consumed by themes (rendering), so neither depends on the other.
/// </summary>
public enum CodeSpanKind
{
    Plain,
    Keyword,
    ControlKeyword,
    TypeName,
    InterfaceName,
    MethodName,
    PropertyName,
    FieldName,
    LocalName,
    ParameterName,
    NamespaceName,
    StringLiteral,
    NumberLiteral,
    Comment,
    DocComment,
    Preprocessor,
    Operator,
    Punctuation,
}

/// <summary>A classified range of one source text (character offsets, end exclusive).</summary>
public readonly record struct CodeSpan(int Start, int Length, CodeSpanKind Kind)
{
    public int End => Start + Length;
}
