namespace CodeContext.Analyzers.Graph;

/// <summary>
/// Edges after an incremental update without resolving them again when they cannot have changed.
/// Resolving walks every use of every file (tens of milliseconds on a bound 800-file codebase),
/// while typing changes one file's facts, mostly in ways no edge sees: a literal (the same facts),
/// a new private member (a declaration nobody uses). Edges come from uses (target, kind, member,
/// line), the test flags, type declarations (partial types, name-matched member targets) and the
/// member declarations a use's target or a dispatch names. When every changed file kept its uses,
/// flags and type declarations, and no use anywhere names a member declaration it added, removed
/// or moved, the previous edges are the edges; otherwise they are resolved anew.
/// </summary>
internal static class EdgeReuse
{
    public static FileGraph Resolve(FileGraph previous, IReadOnlyList<string> paths, IReadOnlyList<DocumentFacts> facts) =>
        SameEdges(previous, paths, facts)
            ? new FileGraph(paths, facts, previous.Edges, FileGraph.IndexDeclarations(facts))
            : EdgeResolver.Resolve(paths, facts);

    internal static bool SameEdges(FileGraph previous, IReadOnlyList<string> paths, IReadOnlyList<DocumentFacts> facts)
    {
        if (paths.Count != previous.Count || !paths.SequenceEqual(previous.Paths, StringComparer.Ordinal)) return false;
        var movedIds = new HashSet<string>(StringComparer.Ordinal);
        var movedNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Count; i++)
        {
            var (before, after) = (previous.Facts[i], facts[i]);
            if (ReferenceEquals(before, after)) continue;
            if (before.IsTest != after.IsTest || before.NameMatched != after.NameMatched
                || !before.Uses.SequenceEqual(after.Uses)
                || !before.Declarations.Where(d => d.IsType).SequenceEqual(after.Declarations.Where(d => d.IsType)))
                return false;
            var members = before.Declarations.Where(d => !d.IsType).ToHashSet();
            members.SymmetricExceptWith(after.Declarations.Where(d => !d.IsType));
            foreach (var moved in members)
            {
                movedIds.Add(moved.Id);
                movedNames.Add(moved.Name);
            }
        }

        if (movedIds.Count == 0) return true;
        // Conservative: a use whose display merely contains a moved name counts as naming it.
        return !facts.SelectMany(f => f.Uses).Any(u => movedIds.Contains(u.TargetId) || movedNames.Any(name => u.TargetDisplay.Contains(name, StringComparison.Ordinal)));
    }
}
