using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// Says in plain words why a file ranks where it does, from the file's point of view:
/// "implements IOrderRepository, which the active file uses (OrderService.PlaceOrderAsync, line 42)".
/// </summary>
/// <param name="active">The active file's index, or -1 when it is not in the graph (then only its names explain).</param>
internal sealed class ReasonWriter(FileGraph graph, int active, Dictionary<string, int> activeTerms, IReadOnlyList<Dictionary<string, int>> terms, Bm25Index lexicalIndex, int maxReasons)
{
    private static readonly HashSet<EdgeKind> TypeLevelKinds = [EdgeKind.Implements, EdgeKind.Inherits, EdgeKind.Overrides];

    // What every file's explanation is measured against, worked out once per ranking: a compose
    // explains every file of the codebase.
    private readonly Dictionary<int, FileEdge> _usedByActive = ActiveEdges(graph.Outgoing, active).GroupBy(e => e.To).ToDictionary(g => g.Key, g => g.First());
    private readonly List<int> _neighbours = [.. ActiveEdges(graph.Outgoing, active).Select(e => e.To).Concat(ActiveEdges(graph.Incoming, active).Select(e => e.From)).Distinct()];

    private static IEnumerable<FileEdge> ActiveEdges(IReadOnlyList<IReadOnlyList<FileEdge>> edges, int active) => active >= 0 ? edges[active] : [];
    private readonly Dictionary<int, HashSet<int>> _targets = [];

    /// <param name="role">What the file's name says it is to the active file (<see cref="PathProximity.Role"/>), if anything.</param>
    public IReadOnlyList<string> Explain(int file, SeedSet seeds, int sharedCommits, bool lexical, string? role = null)
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
        foreach (var edge in Strongest(ActiveEdges(graph.Outgoing, active).Where(e => e.To == file)))
            reasons.Add($"declares {edge.TargetDisplay}, {Passive(edge.Kind)} {edge.FromMember} (line {edge.Line})");

        // What this file uses of the active file.
        foreach (var edge in Strongest(graph.Outgoing[file].Where(e => e.To == active)))
            reasons.Add($"{edge.Kind.Verb()} {edge.TargetDisplay} of the active file in {edge.FromMember} (line {edge.Line})");

        if (role is not null) reasons.Add(role);

        // One step removed: implements or derives from something the active file uses.
        if (reasons.Count < maxReasons)
        {
            var shared = graph.Outgoing[file]
                .Where(e => TypeLevelKinds.Contains(e.Kind) && _usedByActive.ContainsKey(e.To))
                .Select(e => (Edge: e, Via: _usedByActive[e.To]))
                .FirstOrDefault();
            if (shared.Edge is not null)
                reasons.Add($"{shared.Edge.Kind.Verb()} {shared.Edge.TargetDisplay}, used by {shared.Via.FromMember} (line {shared.Via.Line})");
        }

        if (sharedCommits > 0)
            reasons.Add($"changed together with the active file in {sharedCommits} commit{(sharedCommits == 1 ? "" : "s")}");

        if (lexical && reasons.Count < maxReasons)
        {
            var common = terms[file].Keys.Where(activeTerms.ContainsKey).Distinct(StringComparer.Ordinal)
                .Where(t => char.IsLetter(t[0]) && t.Length >= 4)
                .Select(t => (Term: t, Files: lexicalIndex.DocumentFrequency(t)))
                .Where(t => t.Files <= Math.Max(2, terms.Count / 10)) // words most files share explain nothing
                .OrderBy(t => t.Files)
                .Select(t => t.Term)
                .Take(3)
                .ToList();
            if (common.Count > 0) reasons.Add($"shares identifiers with the active file: {string.Join(", ", common)}");
        }

        if (reasons.Count == 0) reasons.Add(IndirectReason(file));
        return [.. reasons.Distinct().Take(maxReasons)];
    }

    private string IndirectReason(int file)
    {
        var fileTargets = TargetsOf(file);
        foreach (var middle in _neighbours)
        {
            if (TargetsOf(middle).Contains(file) || fileTargets.Contains(middle))
                return $"related through {graph.Paths[middle]}";
        }
        return "connected to the active file through the symbol graph";
    }

    private HashSet<int> TargetsOf(int file)
    {
        if (!_targets.TryGetValue(file, out var targets))
        {
            targets = [.. graph.Outgoing[file].Select(e => e.To)];
            _targets[file] = targets;
        }

        return targets;
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
