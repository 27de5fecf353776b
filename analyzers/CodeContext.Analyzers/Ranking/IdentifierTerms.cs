using System.Text.RegularExpressions;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// Lexical terms of code: whole identifiers plus their camel-case words, lower-cased, so
/// "OrderRepository" matches both "order repository" and "orderRepository".
/// </summary>
public static partial class IdentifierTerms
{
    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex IdentifierPattern();

    public static IEnumerable<string> Of(string identifier)
    {
        if (identifier.Length < 2) yield break;
        yield return identifier.ToLowerInvariant();
        var words = Words().Matches(identifier);
        if (words.Count < 2) yield break;
        foreach (Match word in words)
        {
            if (word.Length >= 3) yield return word.Value.ToLowerInvariant();
        }
    }

    /// <summary>Terms with counts for a bag of identifiers.</summary>
    public static Dictionary<string, int> Bag(IReadOnlyDictionary<string, int> identifiers)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (identifier, count) in identifiers)
        {
            foreach (var term in Of(identifier)) bag[term] = bag.GetValueOrDefault(term) + count;
        }
        return bag;
    }

    /// <summary>Identifier-like words of free text (a question).</summary>
    public static IEnumerable<string> IdentifiersIn(string text) =>
        IdentifierPattern().Matches(text).Select(m => m.Value);
}
