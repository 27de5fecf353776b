using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// Where one request's walk restarts and what it points at: the active file (or, for a file
/// outside the graph, the files declaring the types its text names), the member at the cursor,
/// the recent files and the declarations the question names, each with its share of the
/// restart mass (<see cref="SeedShares"/>).
/// </summary>
internal sealed class RankSeeds(FileGraph graph, RankingWeights weights)
{
    public SeedSet Of(int active, RankRequest request)
    {
        var n = graph.Count;
        var shares = weights.SeedShares;
        var vector = new double[n];
        var namedByActive = new Dictionary<int, string>();
        if (active >= 0) vector[active] += shares.Active;
        else
        {
            // Outside the graph: its share goes to the files declaring the types its text names.
            var names = IdentifierTerms.IdentifiersIn(request.ActiveText!).Where(w => w.Length >= 3).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < n; i++)
            {
                if (graph.Facts[i].Declarations.FirstOrDefault(d => d.IsType && names.Contains(d.Name)) is { } named) namedByActive[i] = named.Display;
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
            if (graph.DeclaringFiles.TryGetValue(cursorId, out var declaring) || (declaring = EdgeResolver.NameMatchedDeclaringType(cursorId, graph.DeclaringFiles, graph.Facts)) is not null)
                cursorFiles.UnionWith(declaring);
            for (var i = 0; i < n; i++)
            {
                var facts = graph.Facts[i];
                var use = facts.Uses.FirstOrDefault(u => u.TargetId == cursorId)
                    ?? (facts.NameMatched && memberType is not null ? facts.Uses.FirstOrDefault(u => u.TargetId == memberType && u.TargetDisplay == memberDisplay) : null);
                if (use is null) continue;
                cursorFiles.Add(i);
                cursorDisplay ??= use.TargetDisplay;
            }
            cursorDisplay ??= graph.Facts.SelectMany(f => f.Declarations).FirstOrDefault(d => d.Id == cursorId)?.Display;
            // A member of the active file at the cursor: what it uses is as much its neighbourhood
            // as what uses it, and more so than what the rest of the file uses.
            if (weights.MemberFocus && active >= 0 && memberDisplay is not null && cursorFiles.Contains(active))
                calleeFiles.UnionWith(graph.Outgoing[active].Where(e => e.FromMember == memberDisplay).Select(e => e.To).Where(f => !cursorFiles.Contains(f)));
            Spread(vector, cursorFiles.Union(calleeFiles).ToHashSet(), shares.Cursor);
        }

        var recentFiles = request.Recent.Select(graph.IndexOf).OfType<int>().ToHashSet();
        Spread(vector, recentFiles, shares.Recent);

        var queryFiles = new Dictionary<int, string>();
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            var words = IdentifierTerms.IdentifiersIn(request.Query).Where(w => w.Length >= 3).ToHashSet(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < n; i++)
            {
                var named = graph.Facts[i].Declarations.FirstOrDefault(d => d.IsType && words.Contains(d.Name))
                    ?? graph.Facts[i].Declarations.FirstOrDefault(d => words.Contains(d.Name));
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
    public double[] Hints(SeedSet seeds, int active)
    {
        var hints = new double[graph.Count];
        foreach (var file in seeds.CursorFiles.Concat(seeds.CalleeFiles).Concat(seeds.RecentFiles)) hints[file] += 1;
        var namedTypes = seeds.QueryFiles.Where(q => graph.Facts[q.Key].Declarations.Any(d => d.IsType && d.Display == q.Value)).Select(q => q.Key).ToList();
        if (namedTypes.Count <= weights.HintMaxQueryFiles)
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
