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
                if (!declaring.TryGetValue(use.TargetId, out var targets)) continue;
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

        return new FileGraph(paths, facts, edges);
    }
}
