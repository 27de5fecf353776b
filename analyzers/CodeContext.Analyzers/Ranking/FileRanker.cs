using CodeContext.Analyzers.Graph;
using CodeContext.Core;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// The rank stage: personalised PageRank over the symbol graph (both directions), mixed with the
/// lexical (BM25 over identifiers) and co-change signals. Built once per graph; ranking one active
/// file is then cheap, so batch use ranks many.
/// </summary>
public sealed class FileRanker
{
    private readonly FileGraph _graph;
    private readonly CoChangeHistory _history;
    private readonly RankingWeights _weights;
    private readonly IReadOnlyList<IReadOnlyList<(int Target, double Weight)>> _walk;
    private readonly Bm25Index _lexical;
    private readonly Dictionary<string, int>[] _terms;
    private readonly PathProximity _proximity;
    private readonly WalkMemo _walkMemo;

    // A file's terms depend only on its facts, which an incremental update carries over for every
    // file it did not re-analyse: splitting every identifier again would dominate a new ranker.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DocumentFacts, Dictionary<string, int>> TermBags = [];

    public FileRanker(FileGraph graph, CoChangeHistory history, RankingWeights? weights = null)
    {
        _graph = graph;
        _history = history;
        _weights = weights ?? RankingWeights.Default;
        _walk = RankingWalk.Build(graph, _weights);
        _terms = TermsOf(graph);
        _lexical = new Bm25Index(_terms, _weights.Bm25);
        _proximity = new PathProximity(graph.Paths);
        _walkMemo = new WalkMemo();
    }

    private FileRanker(FileGraph graph, FileRanker previous, bool sameWalk, Dictionary<string, int>[] terms, Bm25Index lexical)
    {
        _graph = graph;
        _history = previous._history;
        _weights = previous._weights;
        _walk = sameWalk ? previous._walk : RankingWalk.Build(graph, _weights);
        _walkMemo = sameWalk ? previous._walkMemo : new WalkMemo();
        _terms = terms;
        _lexical = lexical;
        _proximity = previous._proximity;
    }

    /// <summary>
    /// The ranker for <paramref name="graph"/>, an incremental update of this ranker's graph (the
    /// same files, some files' facts replaced): it ranks exactly as a new ranker would, but keeps
    /// what the update did not touch. The walk (and the last walk's scores) stays when every edge
    /// is the same (typing a new private member adds none), the path signal stays with the paths,
    /// and the lexical index replaces the changed files' terms only. Anything else builds anew.
    /// </summary>
    public FileRanker Updated(FileGraph graph)
    {
        if (graph.Count != _graph.Count || !graph.Paths.SequenceEqual(_graph.Paths, StringComparer.Ordinal))
            return new FileRanker(graph, _history, _weights);
        var terms = TermsOf(graph);
        var changed = Enumerable.Range(0, terms.Length).Where(i => !ReferenceEquals(terms[i], _terms[i])).ToList();
        var lexical = _lexical.WithDocuments(changed.Select(i => (i, terms[i])).ToList());
        return new FileRanker(graph, this, RankingWalk.SameEdges(_graph, graph), terms, lexical);
    }

    private static Dictionary<string, int>[] TermsOf(FileGraph graph) =>
        [.. graph.Facts.Select(f => TermBags.GetValue(f, facts => IdentifierTerms.Bag(facts.Identifiers)))];

    /// <summary>Whether this ranker walks the very walk <paramref name="other"/> does (tests see what <see cref="Updated"/> kept).</summary>
    internal bool SharesWalkWith(FileRanker other) => ReferenceEquals(_walk, other._walk);


    public FileGraph Graph => _graph;

    /// <summary>The signals mixed into one score per file.</summary>
    internal double[] Fuse(Signals signals, SignalWeights mix) => new SignalFusion(_weights).Fuse(signals, mix);

    public RankingWeights Weights => _weights;

    public IReadOnlyList<RankedFile> Rank(RankRequest request)
    {
        var clock = Core.Diagnostics.TraceSpans.Start();
        var signals = Measure(request, _weights.SignalWeights);
        Core.Diagnostics.TraceSpans.Lap(clock, "rank: signals");
        var combined = Fuse(signals, _weights.SignalWeights);
        Core.Diagnostics.TraceSpans.Lap(clock, "rank: fused");
        var active = signals.Active;
        var explainer = request.WithoutReasons ? null : new ReasonWriter(_graph, active, signals.ActiveTerms, _terms, _lexical, _weights.ReasonsPerFile);
        return [.. Enumerable.Range(0, _graph.Count)
            .Where(i => i != active && combined[i] > 0)
            .OrderByDescending(i => combined[i])
            .ThenBy(i => _graph.Paths[i], StringComparer.Ordinal)
            .Take(request.Top ?? _graph.Count)
            .Select(i => new RankedFile(_graph.Paths[i], Math.Round(combined[i], 6), explainer is null ? [] : ReasonsOf(explainer, i, signals)))];
    }

    private LazyReasons ReasonsOf(ReasonWriter explainer, int file, Signals signals)
    {
        var (commits, lexical, near) = (signals.Partners.GetValueOrDefault(_graph.Paths[file]).Commits, signals.Lexical[file] > 0, signals.Path[file] > 0);
        return new LazyReasons(() => explainer.Explain(file, signals.Seeds, commits, lexical, near ? _proximity.Role(signals.Active, file) : null));
    }

    /// <summary>Each signal's scores for one request; a signal the mix does not weigh is left at zero (not computed).</summary>
    internal Signals Measure(RankRequest request, SignalWeights mix)
    {
        // An active file outside the graph (generated, too large, in no project) is still what the
        // developer edits: it is ranked for by the names its text uses, as a question would be.
        var active = _graph.IndexOf(request.ActivePath)
            ?? (request.ActiveText is null ? throw new UserError($"'{request.ActivePath}' is not a context file of the loaded codebase") : -1);
        var activeTerms = active >= 0 ? _terms[active] : IdentifierTerms.Bag(CountIdentifiers(request.ActiveText!));
        var n = _graph.Count;
        var seeder = new RankSeeds(_graph, _weights);
        var seeds = seeder.Of(active, request);

        var graphScore = mix.Graph > 0
            ? _walkMemo.Scores(seeds.Vector, v => PersonalizedPageRank.Compute(_walk, v, _weights.Damping, _weights.Iterations))
            : new double[n];
        var lexicalScore = mix.Lexical > 0 ? LexicalScores(activeTerms, request.Query, rare: false) : new double[n];
        var rareLexicalScore = mix.RareLexical > 0 ? LexicalScores(activeTerms, request.Query, rare: true) : new double[n];
        var partners = mix.CoChange > 0
            ? _history.Partners(request.ActivePath, request.HistoryBefore, _weights.CoChange.HalfLife)
            : [];
        var coChangeScore = new double[n];
        foreach (var (path, score) in partners)
        {
            if (_graph.IndexOf(path) is { } i) coChangeScore[i] = score.Score;
        }

        var pathScore = mix.Path > 0 ? _proximity.Scores(active, new PathParameters(_weights.FolderShare, _weights.RareNames, _weights.ProjectShare)) : new double[n];
        var churnScore = new double[n];
        if (mix.Churn > 0)
        {
            foreach (var (path, score) in _history.Churn(request.HistoryBefore, _weights.CoChange.HalfLife))
            {
                if (_graph.IndexOf(path) is { } i) churnScore[i] = score;
            }
        }
        return new Signals(active, activeTerms, seeds, graphScore, lexicalScore, coChangeScore, pathScore, seeder.Hints(seeds, active), partners) { Churn = churnScore, RareLexical = rareLexicalScore };
    }


    private static Dictionary<string, int> CountIdentifiers(string text) =>
        IdentifierTerms.IdentifiersIn(text).GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private double[] LexicalScores(Dictionary<string, int> activeTerms, string? query, bool rare)
    {
        Dictionary<string, double> Weighed(Dictionary<string, double> terms) => rare ? _lexical.RarityWeighted(terms) : terms;
        var scores = _lexical.Score(Weighed(Bm25Index.QueryFrom(activeTerms)));
        if (string.IsNullOrWhiteSpace(query)) return scores;
        // Words of the question count more than the active file's own vocabulary: they are the
        // developer's intent in their own words.
        var queryTerms = IdentifierTerms.Bag(IdentifierTerms.IdentifiersIn(query).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count()));
        var queryScores = _lexical.Score(Weighed(queryTerms.ToDictionary(t => t.Key, _ => 3.0, StringComparer.Ordinal)));
        for (var i = 0; i < scores.Length; i++) scores[i] += queryScores[i];
        return scores;
    }



}



