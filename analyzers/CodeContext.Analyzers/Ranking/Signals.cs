namespace CodeContext.Analyzers.Ranking;

/// <summary>One request's signals, each a score per file, and what its reasons need.</summary>
internal sealed record Signals(
    int Active,
    Dictionary<string, int> ActiveTerms,
    SeedSet Seeds,
    double[] Graph,
    double[] Lexical,
    double[] CoChange,
    double[] Path,
    double[] Hints,
    Dictionary<string, CoChange> Partners)
{
    /// <summary>How much each file changed lately (zero when the mix does not weigh it).</summary>
    public double[] Churn { get; init; } = [];

    /// <summary>BM25 with rare names weighed up (zero when the mix does not weigh it).</summary>
    public double[] RareLexical { get; init; } = [];
}
