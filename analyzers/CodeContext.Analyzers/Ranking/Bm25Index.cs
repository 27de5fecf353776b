namespace CodeContext.Analyzers.Ranking;

/// <summary>Okapi BM25 over files' identifier terms: the lexical signal and the benchmark's baseline.</summary>
public sealed class Bm25Index
{
    private readonly Dictionary<string, List<(int Doc, int Count)>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private readonly Bm25Parameters _parameters;

    public Bm25Index(IReadOnlyList<Dictionary<string, int>> documents, Bm25Parameters parameters)
    {
        _parameters = parameters;
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

    public int Count => _lengths.Length;

    /// <summary>How many documents contain the term.</summary>
    public int DocumentFrequency(string term) => _postings.TryGetValue(term, out var postings) ? postings.Count : 0;

    /// <summary>Scores every document for a query given as terms with weights.</summary>
    public double[] Score(IReadOnlyDictionary<string, double> query)
    {
        var scores = new double[_lengths.Length];
        var n = _lengths.Length;
        foreach (var (term, weight) in query)
        {
            if (!_postings.TryGetValue(term, out var postings)) continue;
            var idf = Math.Log(1 + (n - postings.Count + 0.5) / (postings.Count + 0.5));
            foreach (var (doc, count) in postings)
            {
                var norm = count + _parameters.K1 * (1 - _parameters.B + _parameters.B * _lengths[doc] / _averageLength);
                scores[doc] += weight * idf * count * (_parameters.K1 + 1) / norm;
            }
        }
        return scores;
    }

    /// <summary>A document used as the query: each distinct term once, damped by its frequency.</summary>
    public static Dictionary<string, double> QueryFrom(Dictionary<string, int> terms) =>
        terms.ToDictionary(t => t.Key, t => 1 + Math.Log(t.Value), StringComparer.Ordinal);
}
