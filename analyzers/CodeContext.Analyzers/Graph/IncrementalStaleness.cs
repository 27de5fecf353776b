namespace CodeContext.Analyzers.Graph;

/// <summary>
/// Which carried-over facts an incremental update made stale, in time proportional to the change:
/// the same answer as checking every file against every declaration before and after
/// (a symbol a file uses disappeared, or a new symbol appeared whose name it mentions), but only
/// the changed files' declarations can appear or disappear, so the whole codebase is looked at
/// only when they did (a renamed member), and then by lookups rather than by re-keying every use.
/// </summary>
internal static class IncrementalStaleness
{
    /// <param name="previous">The graph before the update.</param>
    /// <param name="before">Per current file, its carried-over facts (one of <paramref name="previous"/>'s), or null when analysed now.</param>
    /// <param name="facts">Per current file, its facts now.</param>
    /// <returns>Indices of carried-over files to analyse again.</returns>
    public static List<int> Find(FileGraph previous, DocumentFacts?[] before, DocumentFacts?[] facts)
    {
        var carried = new HashSet<DocumentFacts>(before.OfType<DocumentFacts>(), ReferenceEqualityComparer.Instance);
        var oldKeys = previous.Facts.Where(f => !carried.Contains(f)).SelectMany(f => f.Declarations).Select(d => SymbolGraphBuilder.StaleKey(d.Id)).ToHashSet(StringComparer.Ordinal);
        var newDeclarations = facts.Where((f, i) => before[i] is null).SelectMany(f => f!.Declarations).ToList();
        var newKeys = newDeclarations.Select(d => SymbolGraphBuilder.StaleKey(d.Id)).ToHashSet(StringComparer.Ordinal);
        var maybeRemoved = oldKeys.Where(k => !newKeys.Contains(k)).ToList();
        var maybeAdded = newDeclarations.Where(d => !oldKeys.Contains(SymbolGraphBuilder.StaleKey(d.Id))).ToList();
        if (maybeRemoved.Count == 0 && maybeAdded.Count == 0) return [];

        // What a carried-over file declares is there before and after: it neither appears nor disappears.
        var carriedKeys = carried.SelectMany(f => f.Declarations).Select(d => SymbolGraphBuilder.StaleKey(d.Id)).ToHashSet(StringComparer.Ordinal);
        var removed = maybeRemoved.Where(k => !carriedKeys.Contains(k)).ToList();
        var added = maybeAdded.Where(d => !carriedKeys.Contains(SymbolGraphBuilder.StaleKey(d.Id))).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var stale = new List<int>();
        for (var i = 0; i < facts.Length; i++)
        {
            if (before[i] is not { } f) continue; // analysed just now
            if ((removed.Count > 0 && f.Uses.Any(u => removed.Any(k => Targets(u.TargetId, k)))) || added.Any(f.Identifiers.ContainsKey)) stale.Add(i);
        }

        return stale;
    }

    /// <summary>Whether a use's target is <paramref name="key"/> once its parameter list is cut (as <see cref="SymbolGraphBuilder.StaleKey"/> cuts it), without cutting.</summary>
    private static bool Targets(string targetId, string key) =>
        targetId.StartsWith(key, StringComparison.Ordinal) && (targetId.Length == key.Length || targetId[key.Length] == '(');
}
