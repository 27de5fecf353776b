namespace CodeContext.Analyzers.Graph;

/// <summary>
/// What one document declares and uses, keyed by symbol documentation IDs so the facts stay valid
/// when other files change (they are re-resolved against the current declarations on every run).
/// </summary>
public sealed record DocumentFacts
{
    public required string TextHash { get; init; }
    public required bool IsTest { get; init; }
    public required List<DeclaredSymbol> Declarations { get; init; }
    public required List<SymbolUse> Uses { get; init; }

    /// <summary>Identifier tokens with their counts: the lexical view of the file (BM25, invalidation).</summary>
    public required Dictionary<string, int> Identifiers { get; init; }

    /// <summary>
    /// Uses were found by matching names against the codebase's declarations, without binding
    /// (<see cref="NameMatchedUses"/>): a focused analysis's stand-in for files outside its focus,
    /// replaced by a semantic walk once a file comes into focus or a full analysis runs.
    /// </summary>
    public bool NameMatched { get; init; }
}

/// <param name="Id">Documentation comment ID ("T:Shop.Domain.Order").</param>
/// <param name="Name">Simple name ("Order").</param>
/// <param name="Display">Short display ("Order", "OrderService.PlaceAsync").</param>
/// <param name="IsType">Types take part in partial-type and test-of edges.</param>
public sealed record DeclaredSymbol(string Id, string Name, string Display, int Line, bool IsType);

/// <param name="TargetId">Documentation comment ID of the used symbol.</param>
/// <param name="TargetDisplay">"IOrderRepository.SaveAsync".</param>
/// <param name="FromMember">The member of this document where the use happens ("OrderService.PlaceAsync"), or the type.</param>
/// <param name="Line">1-based line of the first use.</param>
/// <param name="Count">How many times this (target, kind) occurs in the document.</param>
public sealed record SymbolUse(string TargetId, string TargetDisplay, EdgeKind Kind, string FromMember, int Line, int Count);
