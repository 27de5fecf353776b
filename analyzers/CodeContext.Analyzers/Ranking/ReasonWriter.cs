using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// Says in plain words why a file ranks where it does, from the file's point of view:
/// "implements IOrderRepository, which the active file uses (OrderService.PlaceOrderAsync, line 42)".
/// A ranking's reasons are written when read (<see cref="LazyReasons"/>), so one writer may be
/// asked from more than one thread: each explanation runs under its lock.
/// </summary>
/// <param name="active">The active file's index, or -1 when it is not in the graph (then only its names explain).</param>
internal sealed class ReasonWriter(FileGraph graph, int active, Dictionary<string, int> activeTerms, IReadOnlyList<Dictionary<string, int>> terms, Bm25Index lexicalIndex, int maxReasons)
{
    private static readonly HashSet<EdgeKind> TypeLevelKinds = [EdgeKind.Implements, EdgeKind.Inherits, EdgeKind.Overrides];

    private readonly Lock _gate = new();

    // What every file's explanation is measured against, worked out once per ranking: a compose
    // explains every file of the codebase.
    private readonly ILookup<int, FileEdge> _activeUses = ActiveEdges(graph.Outgoing, active).ToLookup(e => e.To);
    private readonly List<int> _neighbours = [.. ActiveEdges(graph.Outgoing, active).Select(e => e.To).Concat(ActiveEdges(graph.Incoming, active).Select(e => e.From)).Distinct()];
    private Dictionary<string, int>? _sharable;
    private int[]? _firstNeighbour;

    private static IEnumerable<FileEdge> ActiveEdges(IReadOnlyList<IReadOnlyList<FileEdge>> edges, int active) => active >= 0 ? edges[active] : [];

    /// <param name="role">What the file's name says it is to the active file (<see cref="PathProximity.Role"/>), if anything.</param>
    public IReadOnlyList<string> Explain(int file, SeedSet seeds, int sharedCommits, bool lexical, string? role = null)
    {
        lock (_gate)
        {
            return Write(file, seeds, sharedCommits, lexical, role);
        }
    }

    private IReadOnlyList<string> Write(int file, SeedSet seeds, int sharedCommits, bool lexical, string? role)
    {
        var reasons = new List<string>();

        if (seeds.CursorFiles.Contains(file) && seeds.CursorDisplay is not null)
            reasons.Add(graph.DeclaringFiles.Any(kv => kv.Value.Contains(file) && graph.Facts[file].Declarations.Any(d => d.Id == kv.Key && d.Display == seeds.CursorDisplay))
                ? $"declares {seeds.CursorDisplay}, the symbol at the cursor"
                : $"uses {seeds.CursorDisplay}, the symbol at the cursor");
        if (seeds.CalleeFiles.Contains(file) && seeds.CursorDisplay is not null) reasons.Add($"used by {seeds.CursorDisplay}, the member at the cursor");
        if (seeds.QueryFiles.TryGetValue(file, out var named)) reasons.Add($"declares {named}, named in the question");
        if (seeds.RecentFiles.Contains(file)) reasons.Add("recently edited");
        if (seeds.NamedByActive.TryGetValue(file, out var byActive)) reasons.Add($"declares {byActive}, named in the active file");

        // What the active file uses of this file.
        foreach (var edge in Strongest(_activeUses[file]))
            reasons.Add($"declares {edge.TargetDisplay}, {Passive(edge.Kind)} {edge.FromMember} (line {edge.Line})");

        // What this file uses of the active file.
        foreach (var edge in Strongest(graph.Outgoing[file].Where(e => e.To == active)))
            reasons.Add($"{edge.Kind.Verb()} {edge.TargetDisplay} of the active file in {edge.FromMember} (line {edge.Line})");

        if (role is not null) reasons.Add(role);

        // One step removed: implements or derives from something the active file uses.
        if (reasons.Count < maxReasons)
        {
            var shared = graph.Outgoing[file]
                .Where(e => TypeLevelKinds.Contains(e.Kind) && _activeUses.Contains(e.To))
                .Select(e => (Edge: e, Via: _activeUses[e.To].First()))
                .FirstOrDefault();
            if (shared.Edge is not null)
                reasons.Add($"{shared.Edge.Kind.Verb()} {shared.Edge.TargetDisplay}, used by {shared.Via.FromMember} (line {shared.Via.Line})");
        }

        if (sharedCommits > 0)
            reasons.Add($"changed together with the active file in {sharedCommits} commit{(sharedCommits == 1 ? "" : "s")}");

        if (lexical && reasons.Count < maxReasons)
        {
            var common = SharedTerms(file);
            if (common.Count > 0) reasons.Add($"shares identifiers with the active file: {string.Join(", ", common)}");
        }

        if (reasons.Count == 0) reasons.Add(IndirectReason(file));
        return [.. reasons.Distinct().Take(maxReasons)];
    }

    /// <summary>
    /// Up to three rare words the file shares with the active file, rarest first (the file's own
    /// order among equally rare ones). Words most files share explain nothing.
    /// </summary>
    internal IReadOnlyList<string> SharedTerms(int file)
    {
        var sharable = _sharable ??= Sharable();
        var bag = terms[file];
        var found = new List<(string Term, int Files)>();
        foreach (var (term, files) in sharable)
        {
            if (bag.ContainsKey(term)) found.Add((term, files));
        }

        if (found.Count > 1)
        {
            found.Sort((a, b) => a.Files.CompareTo(b.Files));
            // Equally rare words among the first three keep the order of the file's own words:
            // only then is that order needed, and reading it costs a pass over all of them.
            if (Enumerable.Range(1, found.Count - 1).Any(i => i <= 3 && found[i].Files == found[i - 1].Files))
                found = [.. bag.Keys.Where(sharable.ContainsKey).Select(t => (Term: t, Files: sharable[t])).OrderBy(t => t.Files)];
        }

        return [.. found.Take(3).Select(t => t.Term)];
    }

    /// <summary>
    /// The active file's words that can explain a file: long enough, not numbers, and in at least
    /// one other file but at most a tenth of them (each counted once per ranking, not per file).
    /// </summary>
    private Dictionary<string, int> Sharable()
    {
        var most = Math.Max(2, terms.Count / 10);
        // The active file's own words count it among their files: another file makes two.
        var fewest = active >= 0 ? 2 : 1;
        var sharable = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in activeTerms.Keys.Where(t => char.IsLetter(t[0]) && t.Length >= 4))
        {
            var files = lexicalIndex.DocumentFrequency(term);
            if (files >= fewest && files <= most) sharable[term] = files;
        }

        return sharable;
    }

    /// <summary>The first of the active file's neighbours that uses the file or that the file uses.</summary>
    private string IndirectReason(int file)
    {
        var first = (_firstNeighbour ??= FirstNeighbours())[file];
        return first >= 0 ? $"related through {graph.Paths[_neighbours[first]]}" : "connected to the active file through the symbol graph";
    }

    /// <summary>Per file, the index in the neighbours of the first one linked to it either way (-1: none), from one pass over the edges.</summary>
    private int[] FirstNeighbours()
    {
        var first = Enumerable.Repeat(int.MaxValue, graph.Outgoing.Count).ToArray();
        var order = new Dictionary<int, int>();
        for (var k = 0; k < _neighbours.Count; k++)
        {
            order[_neighbours[k]] = k;
            foreach (var edge in graph.Outgoing[_neighbours[k]]) first[edge.To] = Math.Min(first[edge.To], k);
        }

        for (var file = 0; file < first.Length; file++)
        {
            foreach (var edge in graph.Outgoing[file])
            {
                if (order.TryGetValue(edge.To, out var k)) first[file] = Math.Min(first[file], k);
            }
        }

        return [.. first.Select(k => k == int.MaxValue ? -1 : k)];
    }

    private static IEnumerable<FileEdge> Strongest(IEnumerable<FileEdge> edges) => edges
        .OrderBy(e => (int)e.Kind)
        .ThenByDescending(e => e.Count)
        .GroupBy(e => e.Kind)
        .Select(g => g.First())
        .Take(2);

    private static string Passive(EdgeKind kind) => kind switch
    {
        EdgeKind.Inherits => "inherited by",
        EdgeKind.Implements => "implemented by",
        EdgeKind.Overrides => "overridden by",
        EdgeKind.Calls => "called by",
        EdgeKind.Creates => "created by",
        EdgeKind.ReadsMember => "read by",
        EdgeKind.WritesMember => "written by",
        EdgeKind.SamePartial => "also declared in",
        EdgeKind.TestOf => "tested by",
        EdgeKind.Dispatches => "reached through its interface by",
        _ => "used by",
    };
}
