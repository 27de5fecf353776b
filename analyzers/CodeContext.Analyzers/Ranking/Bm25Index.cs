namespace CodeContext.Analyzers.Ranking;

/// <summary>Okapi BM25 over files' identifier terms: the lexical signal and the benchmark's baseline.</summary>
public sealed class Bm25Index
{
    /// <summary>
    /// How many documents an index may hold replaced over its postings before a replacement builds
    /// anew: scoring walks each replaced document besides the postings, so a few are free and many
    /// (a background bind of dozens of files) are better folded in.
    /// </summary>
    private const int MaxReplaced = 8;

    private readonly Dictionary<string, List<(int Doc, int Count)>> _postings;
    private readonly IReadOnlyList<Dictionary<string, int>> _indexed;
    private readonly Dictionary<int, Dictionary<string, int>> _replaced;
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private readonly Bm25Parameters _parameters;

    public Bm25Index(IReadOnlyList<Dictionary<string, int>> documents, Bm25Parameters parameters)
    {
        _parameters = parameters;
        _indexed = documents;
        _replaced = [];
        _postings = new(StringComparer.Ordinal);
        _lengths = new int[documents.Count];
        for (var doc = 0; doc < documents.Count; doc++)
        {
            foreach (var (term, count) in documents[doc])
            {
                if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
                list.Add((doc, count));
                _lengths[doc] += count;
            }
        }
        _averageLength = documents.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    private Bm25Index(Bm25Index previous, Dictionary<int, Dictionary<string, int>> replaced, int[] lengths)
    {
        _parameters = previous._parameters;
        _indexed = previous._indexed;
        _postings = previous._postings;
        _replaced = replaced;
        _lengths = lengths;
        _averageLength = lengths.Length == 0 ? 1 : Math.Max(1, lengths.Average());
    }

    public int Count => _lengths.Length;

    /// <summary>
    /// The index with some documents' terms replaced (same documents otherwise): it scores exactly
    /// as an index built from the new terms, sharing this one's postings while few documents differ.
    /// </summary>
    public Bm25Index WithDocuments(IReadOnlyList<(int Doc, Dictionary<string, int> Terms)> replacements)
    {
        if (replacements.Count == 0) return this;
        var replaced = new Dictionary<int, Dictionary<string, int>>(_replaced);
        foreach (var (doc, terms) in replacements) replaced[doc] = terms;
        if (replaced.Count > MaxReplaced)
            return new Bm25Index([.. Enumerable.Range(0, _lengths.Length).Select(i => replaced.GetValueOrDefault(i) ?? _indexed[i])], _parameters);
        var lengths = (int[])_lengths.Clone();
        foreach (var (doc, terms) in replacements) lengths[doc] = terms.Values.Sum();
        return new Bm25Index(this, replaced, lengths);
    }

    /// <summary>How many documents contain the term.</summary>
    public int DocumentFrequency(string term)
    {
        var frequency = _postings.TryGetValue(term, out var postings) ? postings.Count : 0;
        foreach (var (doc, terms) in _replaced)
        {
            if (_indexed[doc].ContainsKey(term)) frequency--;
            if (terms.ContainsKey(term)) frequency++;
        }

        return frequency;
    }

    /// <summary>Scores every document for a query given as terms with weights.</summary>
    public double[] Score(IReadOnlyDictionary<string, double> query)
    {
        var scores = new double[_lengths.Length];
        foreach (var (term, weight) in query)
        {
            var idf = Idf(term);
            if (idf == 0) continue;
            if (_postings.TryGetValue(term, out var postings))
            {
                foreach (var (doc, count) in postings)
                {
                    if (_replaced.Count == 0 || !_replaced.ContainsKey(doc)) scores[doc] += weight * idf * count * (_parameters.K1 + 1) / Norm(count, doc);
                }
            }

            foreach (var (doc, terms) in _replaced)
            {
                if (terms.TryGetValue(term, out var count)) scores[doc] += weight * idf * count * (_parameters.K1 + 1) / Norm(count, doc);
            }
        }
        return scores;
    }

    // Written as the original single expression was, so a replaced document scores to the last bit as a rebuilt index.
    private double Norm(int count, int doc) => count + _parameters.K1 * (1 - _parameters.B + _parameters.B * _lengths[doc] / _averageLength);

    /// <summary>How rare a term is among the documents (BM25's inverse document frequency; 0 for a term no document has).</summary>
    public double Idf(string term)
    {
        var frequency = DocumentFrequency(term);
        return frequency == 0 ? 0 : Math.Log(1 + (Count - frequency + 0.5) / (frequency + 0.5));
    }

    /// <summary>
    /// The query with each term's weight multiplied by its <see cref="Idf"/>, so scoring counts
    /// rarity twice: two files sharing a name that few files carry ("ComparableComparer") are more
    /// alike than two sharing many common ones ("value", "context"), which plain BM25 can rank alike.
    /// </summary>
    public Dictionary<string, double> RarityWeighted(IReadOnlyDictionary<string, double> query) =>
        query.ToDictionary(t => t.Key, t => t.Value * Idf(t.Key), StringComparer.Ordinal);

    /// <summary>A document used as the query: each distinct term once, damped by its frequency.</summary>
    public static Dictionary<string, double> QueryFrom(Dictionary<string, int> terms) =>
        terms.ToDictionary(t => t.Key, t => 1 + Math.Log(t.Value), StringComparer.Ordinal);
}
