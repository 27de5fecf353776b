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
        _walk = BuildWalk(graph, _weights);
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
        _walk = sameWalk ? previous._walk : BuildWalk(graph, _weights);
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
        return new FileRanker(graph, this, SameWalkEdges(_graph, graph), terms, lexical);
    }

    private static Dictionary<string, int>[] TermsOf(FileGraph graph) =>
        [.. graph.Facts.Select(f => TermBags.GetValue(f, facts => IdentifierTerms.Bag(facts.Identifiers)))];

    /// <summary>Whether this ranker walks the very walk <paramref name="other"/> does (tests see what <see cref="Updated"/> kept).</summary>
    internal bool SharesWalkWith(FileRanker other) => ReferenceEquals(_walk, other._walk);

    /// <summary>Whether two graphs' edges give the same walk: the same edges, in order, of the same kinds and counts.</summary>
    private static bool SameWalkEdges(FileGraph before, FileGraph after)
    {
        if (ReferenceEquals(before.Edges, after.Edges)) return true;
        if (before.Edges.Count != after.Edges.Count) return false;
        for (var i = 0; i < before.Edges.Count; i++)
        {
            var (a, b) = (before.Edges[i], after.Edges[i]);
            if (a.From != b.From || a.To != b.To || a.Kind != b.Kind || a.Count != b.Count) return false;
        }

        return true;
    }

    public FileGraph Graph => _graph;

    public RankingWeights Weights => _weights;

    public IReadOnlyList<RankedFile> Rank(RankRequest request)
    {
        var clock = Core.Diagnostics.TraceSpans.Start();
        var signals = Measure(request, _weights.SignalWeights);
        Core.Diagnostics.TraceSpans.Lap(clock, "rank: signals");
        var combined = Fuse(signals, _weights.SignalWeights);
        Core.Diagnostics.TraceSpans.Lap(clock, "rank: fused");
        var (active, partners) = (signals.Active, signals.Partners);
        var explainer = request.WithoutReasons ? null : new ReasonWriter(_graph, active, signals.ActiveTerms, _terms, _lexical, _weights.ReasonsPerFile);
        return [.. Enumerable.Range(0, _graph.Count)
            .Where(i => i != active && combined[i] > 0)
            .OrderByDescending(i => combined[i])
            .ThenBy(i => _graph.Paths[i], StringComparer.Ordinal)
            .Take(request.Top ?? _graph.Count)
            .Select(i => new RankedFile(_graph.Paths[i], Math.Round(combined[i], 6),
                explainer?.Explain(i, signals.Seeds, partners.GetValueOrDefault(_graph.Paths[i]).Commits, signals.Lexical[i] > 0, signals.Path[i] > 0 ? _proximity.Role(active, i) : null) ?? []))];
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
        var seeds = Seeds(active, request);

        var graphScore = mix.Graph > 0
            ? _walkMemo.Scores(seeds.Vector, v => PersonalizedPageRank.Compute(_walk, v, _weights.Damping, _weights.Iterations))
            : new double[n];
        var lexicalScore = mix.Lexical > 0 ? LexicalScores(activeTerms, request.Query) : new double[n];
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
        return new Signals(active, activeTerms, seeds, graphScore, lexicalScore, coChangeScore, pathScore, Hints(seeds, active), partners) { Churn = churnScore };
    }

    /// <summary>The signals mixed into one score per file.</summary>
    internal double[] Fuse(Signals signals, SignalWeights mix)
    {
        var combined = new double[_graph.Count];
        Accumulate(combined, signals.Graph, mix.Graph, signals.Active);
        Accumulate(combined, signals.Lexical, mix.Lexical, signals.Active);
        Accumulate(combined, signals.CoChange, mix.CoChange, signals.Active);
        // Many files share a folder and nothing else: equal likeness must mean equal rank.
        Accumulate(combined, signals.Path, mix.Path, signals.Active, sharedTies: true);
        Accumulate(combined, signals.Churn, mix.Churn, signals.Active);
        // What the developer pointed at (cursor, question, recent files) is relevant in its own right,
        // not only as a place the walk starts from: the other signals must not drown it.
        Accumulate(combined, signals.Hints, _weights.HintWeight, signals.Active, sharedTies: true);
        return combined;
    }

    private void Accumulate(double[] into, double[] signal, double weight, int active, bool sharedTies = false)
    {
        if (weight <= 0) return;
        if (_weights.Fusion == "rrf")
        {
            // Rank positions instead of raw scores: robust to signals whose scores are skewed
            // (PageRank mass piles onto a few files; BM25 is flatter).
            var order = Enumerable.Range(0, signal.Length).Where(i => i != active && signal[i] > 0).OrderByDescending(i => signal[i]).ToList();
            var tiedAt = 0;
            for (var rank = 0; rank < order.Count; rank++)
            {
                if (!sharedTies || rank == 0 || signal[order[rank]] != signal[order[rank - 1]]) tiedAt = rank;
                into[order[rank]] += weight / (_weights.RrfK + tiedAt + 1);
            }
            return;
        }
        var max = signal.Where((_, i) => i != active).DefaultIfEmpty(0).Max();
        if (max <= 0) return;
        for (var i = 0; i < into.Length; i++) into[i] += weight * signal[i] / max;
    }

    private static Dictionary<string, int> CountIdentifiers(string text) =>
        IdentifierTerms.IdentifiersIn(text).GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private double[] LexicalScores(Dictionary<string, int> activeTerms, string? query)
    {
        var scores = _lexical.Score(Bm25Index.QueryFrom(activeTerms));
        if (string.IsNullOrWhiteSpace(query)) return scores;
        // Words of the question count more than the active file's own vocabulary: they are the
        // developer's intent in their own words.
        var queryTerms = IdentifierTerms.Bag(IdentifierTerms.IdentifiersIn(query).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count()));
        var queryScores = _lexical.Score(queryTerms.ToDictionary(t => t.Key, _ => 3.0, StringComparer.Ordinal));
        for (var i = 0; i < scores.Length; i++) scores[i] += queryScores[i];
        return scores;
    }

    private SeedSet Seeds(int active, RankRequest request)
    {
        var n = _graph.Count;
        var shares = _weights.SeedShares;
        var vector = new double[n];
        var namedByActive = new Dictionary<int, string>();
        if (active >= 0) vector[active] += shares.Active;
        else
        {
            // Outside the graph: its share goes to the files declaring the types its text names.
            var names = IdentifierTerms.IdentifiersIn(request.ActiveText!).Where(w => w.Length >= 3).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < n; i++)
            {
                if (_graph.Facts[i].Declarations.FirstOrDefault(d => d.IsType && names.Contains(d.Name)) is { } named) namedByActive[i] = named.Display;
            }

            Spread(vector, namedByActive.Keys.ToHashSet(), shares.Active);
        }

        var cursorFiles = new HashSet<int>();
        var calleeFiles = new HashSet<int>();
        string? cursorDisplay = null;
        if (request.CursorSymbolId is { } cursorId)
        {
            // A file read from syntax alone declares the member without its exact ID and uses it
            // through its type (NameMatchedUses): find both by the member's type and display.
            var (memberType, memberDisplay) = DeclarationIndex.TypeAndDisplayOf(cursorId);
            if (_graph.DeclaringFiles.TryGetValue(cursorId, out var declaring) || (declaring = EdgeResolver.NameMatchedDeclaringType(cursorId, _graph.DeclaringFiles, _graph.Facts)) is not null)
                cursorFiles.UnionWith(declaring);
            for (var i = 0; i < n; i++)
            {
                var facts = _graph.Facts[i];
                var use = facts.Uses.FirstOrDefault(u => u.TargetId == cursorId)
                    ?? (facts.NameMatched && memberType is not null ? facts.Uses.FirstOrDefault(u => u.TargetId == memberType && u.TargetDisplay == memberDisplay) : null);
                if (use is null) continue;
                cursorFiles.Add(i);
                cursorDisplay ??= use.TargetDisplay;
            }
            cursorDisplay ??= _graph.Facts.SelectMany(f => f.Declarations).FirstOrDefault(d => d.Id == cursorId)?.Display;
            // A member of the active file at the cursor: what it uses is as much its neighbourhood
            // as what uses it, and more so than what the rest of the file uses.
            if (_weights.MemberFocus && active >= 0 && memberDisplay is not null && cursorFiles.Contains(active))
                calleeFiles.UnionWith(_graph.Outgoing[active].Where(e => e.FromMember == memberDisplay).Select(e => e.To).Where(f => !cursorFiles.Contains(f)));
            Spread(vector, cursorFiles.Union(calleeFiles).ToHashSet(), shares.Cursor);
        }

        var recentFiles = request.Recent.Select(_graph.IndexOf).OfType<int>().ToHashSet();
        Spread(vector, recentFiles, shares.Recent);

        var queryFiles = new Dictionary<int, string>();
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            var words = IdentifierTerms.IdentifiersIn(request.Query).Where(w => w.Length >= 3).ToHashSet(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < n; i++)
            {
                var named = _graph.Facts[i].Declarations.FirstOrDefault(d => d.IsType && words.Contains(d.Name))
                    ?? _graph.Facts[i].Declarations.FirstOrDefault(d => words.Contains(d.Name));
                if (named is not null) queryFiles[i] = named.Display;
            }
            Spread(vector, queryFiles.Keys.ToHashSet(), shares.Query);
        }

        return new SeedSet(vector, cursorFiles, cursorDisplay, recentFiles, queryFiles, namedByActive) { CalleeFiles = calleeFiles };
    }

    /// <summary>
    /// The files the request points at: the cursor's, the recent ones, and the declarations of types
    /// the question names when they are few. A question's ordinary words ("add", "fix") name members
    /// all over a codebase: those only seed the walk, they are not pointed at.
    /// </summary>
    private double[] Hints(SeedSet seeds, int active)
    {
        var hints = new double[_graph.Count];
        foreach (var file in seeds.CursorFiles.Concat(seeds.CalleeFiles).Concat(seeds.RecentFiles)) hints[file] += 1;
        var namedTypes = seeds.QueryFiles.Where(q => _graph.Facts[q.Key].Declarations.Any(d => d.IsType && d.Display == q.Value)).Select(q => q.Key).ToList();
        if (namedTypes.Count <= _weights.HintMaxQueryFiles)
        {
            foreach (var file in namedTypes) hints[file] += 1;
        }
        if (active >= 0) hints[active] = 0;
        return hints;
    }

    private static void Spread(double[] vector, IReadOnlySet<int> files, double share)
    {
        if (files.Count == 0) return;
        foreach (var file in files) vector[file] += share / files.Count;
    }

    /// <summary>
    /// The walk PageRank takes: each use as a forward edge (damped when the target is used by very
    /// many files, as a shared utility says little about any one of them) and the same use reversed,
    /// so that what depends on the active file is found as readily as what it depends on.
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<(int, double)>> BuildWalk(FileGraph graph, RankingWeights weights)
    {
        var n = graph.Count;
        var pairs = new Dictionary<(int, int), double>();
        var users = graph.Incoming.Select(edges => edges.Select(e => e.From).Distinct().Count()).ToArray();
        foreach (var edge in graph.Edges)
        {
            var kindWeight = weights.EdgeWeights.GetValueOrDefault(edge.Kind, 1.0);
            var weight = kindWeight * (1 + Math.Log(edge.Count)) / (1 + weights.HubDamping * Math.Log(1 + users[edge.To]));
            pairs[(edge.From, edge.To)] = pairs.GetValueOrDefault((edge.From, edge.To)) + weight;
            if (weights.ReverseFactor > 0)
                pairs[(edge.To, edge.From)] = pairs.GetValueOrDefault((edge.To, edge.From)) + weight * weights.ReverseFactor;
        }
        var lists = Enumerable.Range(0, n).Select(_ => new List<(int, double)>()).ToArray();
        foreach (var ((from, to), weight) in pairs) lists[from].Add((to, weight));
        return lists;
    }
}

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
}

/// <summary>The restart distribution and where its mass came from (for reasons).</summary>
internal sealed record SeedSet(
    double[] Vector,
    IReadOnlySet<int> CursorFiles,
    string? CursorDisplay,
    IReadOnlySet<int> RecentFiles,
    IReadOnlyDictionary<int, string> QueryFiles,
    IReadOnlyDictionary<int, string> NamedByActive)
{
    /// <summary>What the member at the cursor uses, when member focus is on.</summary>
    public IReadOnlySet<int> CalleeFiles { get; init; } = new HashSet<int>();
}

/// <summary>
/// The last walk's scores and the restart vector they were computed for, shared by rankers over
/// the same walk: typing in the active file re-ranks with the same seeds, and the walk is most of
/// a ranking's arithmetic. Callers only read the scores.
/// </summary>
internal sealed class WalkMemo
{
    private Entry? _last;

    public double[] Scores(double[] seeds, Func<double[], double[]> compute)
    {
        if (Volatile.Read(ref _last) is { } last && last.Seeds.AsSpan().SequenceEqual(seeds)) return last.Scores;
        var scores = compute(seeds);
        Volatile.Write(ref _last, new Entry((double[])seeds.Clone(), scores));
        return scores;
    }

    private sealed record Entry(double[] Seeds, double[] Scores);
}
