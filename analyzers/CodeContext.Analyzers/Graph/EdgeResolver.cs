namespace CodeContext.Analyzers.Graph;

/// <summary>Turns per-document facts (uses by symbol ID) into file-to-file edges.</summary>
internal static class EdgeResolver
{
    private static readonly HashSet<EdgeKind> TestedKinds = [EdgeKind.ReferencesType, EdgeKind.Creates, EdgeKind.Calls];

    public static FileGraph Resolve(IReadOnlyList<string> paths, IReadOnlyList<DocumentFacts> facts)
    {
        var declaring = FileGraph.IndexDeclarations(facts);

        var edges = new List<FileEdge>();
        for (var from = 0; from < facts.Count; from++)
        {
            var testOf = new Dictionary<int, FileEdge>();
            foreach (var use in facts[from].Uses)
            {
                if (!declaring.TryGetValue(use.TargetId, out var targets) && (targets = NameMatchedDeclaringType(use.TargetId, declaring, facts)) is null) continue;
                foreach (var to in targets)
                {
                    if (to == from) continue;
                    edges.Add(new FileEdge(from, to, use.Kind, use.Count, use.TargetDisplay, use.FromMember, use.Line));
                    if (facts[from].IsTest && !facts[to].IsTest && TestedKinds.Contains(use.Kind) && !testOf.ContainsKey(to))
                        testOf[to] = new FileEdge(from, to, EdgeKind.TestOf, 1, use.TargetDisplay, use.FromMember, use.Line);
                }
            }
            edges.AddRange(testOf.Values);
        }

        edges.AddRange(DispatchEdges(facts, edges));

        // Parts of one partial type belong together in both directions.
        foreach (var (id, files) in declaring)
        {
            if (files.Length < 2 || !id.StartsWith("T:", StringComparison.Ordinal)) continue;
            foreach (var a in files)
            foreach (var b in files)
            {
                if (a == b) continue;
                var declaration = facts[a].Declarations.First(d => d.Id == id);
                edges.Add(new FileEdge(a, b, EdgeKind.SamePartial, 1, declaration.Display, declaration.Display, declaration.Line));
            }
        }

        return new FileGraph(paths, facts, edges, declaring);
    }

    /// <summary>
    /// Files declaring the type of a member whose exact ID no file declares, when they were read
    /// from syntax alone (their member IDs lack parameter types); null otherwise.
    /// </summary>
    internal static int[]? NameMatchedDeclaringType(string memberId, IReadOnlyDictionary<string, int[]> declaring, IReadOnlyList<DocumentFacts> facts)
    {
        if (memberId.StartsWith("T:", StringComparison.Ordinal) || !declaring.TryGetValue("T:" + DeclarationIndex.ContainerOf(memberId), out var files)) return null;
        var matched = files.Where(f => facts[f].NameMatched).ToArray();
        return matched.Length > 0 ? matched : null;
    }

    /// <summary>
    /// A call through an interface or base class reaches its implementations at run time: a caller
    /// of IOrderService.PlaceOrderAsync is a caller of OrderService.PlaceOrderAsync, one step away
    /// rather than two. Derived from member uses plus implements/inherits edges.
    /// </summary>
    private static IEnumerable<FileEdge> DispatchEdges(IReadOnlyList<DocumentFacts> facts, List<FileEdge> edges)
    {
        var implementers = edges
            .Where(e => e.Kind is EdgeKind.Implements or EdgeKind.Inherits)
            .GroupBy(e => (e.To, Type: e.TargetDisplay))
            .ToDictionary(g => g.Key, g => g.Select(e => e.From).Distinct().ToList());
        var seen = new HashSet<(int, int, string)>();
        foreach (var use in edges.Where(e => e.Kind is EdgeKind.Calls or EdgeKind.ReadsMember or EdgeKind.WritesMember).ToList())
        {
            var dot = use.TargetDisplay.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !implementers.TryGetValue((use.To, use.TargetDisplay[..dot]), out var implementations)) continue;
            var member = use.TargetDisplay[(dot + 1)..];
            foreach (var implementation in implementations)
            {
                if (implementation == use.From) continue;
                var declared = facts[implementation].Declarations.FirstOrDefault(d => !d.IsType && d.Name == member);
                if (declared is null || !seen.Add((use.From, implementation, declared.Display))) continue;
                yield return new FileEdge(use.From, implementation, EdgeKind.Dispatches, use.Count, declared.Display, use.FromMember, use.Line);
            }
        }
    }
}
