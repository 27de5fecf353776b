namespace CodeContext.Analyzers.Ranking;

/// <summary>Mixes one request's signals into one score per file: weighted, each normalised by its maximum or, with reciprocal-rank fusion, by rank.</summary>
internal sealed class SignalFusion(RankingWeights weights)
{
    /// <summary>The signals mixed into one score per file.</summary>
    public double[] Fuse(Signals signals, SignalWeights mix)
    {
        var combined = new double[signals.Graph.Length];
        Accumulate(combined, signals.Graph, mix.Graph, signals.Active);
        Accumulate(combined, signals.Lexical, mix.Lexical, signals.Active);
        Accumulate(combined, signals.CoChange, mix.CoChange, signals.Active);
        // Many files share a folder and nothing else: equal likeness must mean equal rank.
        Accumulate(combined, signals.Path, mix.Path, signals.Active, sharedTies: true);
        Accumulate(combined, signals.Churn, mix.Churn, signals.Active);
        Accumulate(combined, signals.RareLexical, mix.RareLexical, signals.Active);
        // What the developer pointed at (cursor, question, recent files) is relevant in its own right,
        // not only as a place the walk starts from: the other signals must not drown it.
        Accumulate(combined, signals.Hints, weights.HintWeight, signals.Active, sharedTies: true);
        return combined;
    }

    private void Accumulate(double[] into, double[] signal, double weight, int active, bool sharedTies = false)
    {
        if (weight <= 0) return;
        if (weights.Fusion == "rrf")
        {
            // Rank positions instead of raw scores: robust to signals whose scores are skewed
            // (PageRank mass piles onto a few files; BM25 is flatter).
            var order = Enumerable.Range(0, signal.Length).Where(i => i != active && signal[i] > 0).OrderByDescending(i => signal[i]).ToList();
            var tiedAt = 0;
            for (var rank = 0; rank < order.Count; rank++)
            {
                if (!sharedTies || rank == 0 || signal[order[rank]] != signal[order[rank - 1]]) tiedAt = rank;
                into[order[rank]] += weight / (weights.RrfK + tiedAt + 1);
            }
            return;
        }
        var max = signal.Where((_, i) => i != active).DefaultIfEmpty(0).Max();
        if (max <= 0) return;
        for (var i = 0; i < into.Length; i++) into[i] += weight * signal[i] / max;
    }
}
