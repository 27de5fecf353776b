namespace CodeContext.Analyzers.Graph;

/// <summary>
/// Edges after an incremental update without resolving them again when they cannot have changed.
/// Resolving walks every use of every file (tens of milliseconds on a bound 800-file codebase),
/// while typing changes one file's facts, mostly in ways no edge sees: a literal (the same facts),
/// a new private member (a declaration nobody uses). Edges come from uses (target, kind, member,
/// line), the test flags, type declarations (partial types, name-matched member targets) and the
/// member declarations a use's target or a dispatch names (<see cref="EdgeResolver"/>). When every
/// changed file kept its uses, flags and type declarations, and no use targets or dispatches to a
/// member declaration it added, removed or moved, the previous edges are the edges (and the
/// declaration index is patched for the changed files); otherwise they are resolved anew.
/// </summary>
internal static class EdgeReuse
{
    /// <summary>Every use's target ID, and the member names dispatch looks implementations up by.</summary>
    internal sealed record Targets(HashSet<string> Ids, HashSet<string> DispatchedMembers);

    public static FileGraph Resolve(FileGraph previous, IReadOnlyList<string> paths, IReadOnlyList<DocumentFacts> facts)
    {
        if (Changes(previous, paths, facts) is not { } changed) return EdgeResolver.Resolve(paths, facts);
        var sameDeclarations = changed.All(c => c.Before.Declarations.SequenceEqual(c.After.Declarations));
        return previous.WithSameEdges(facts, sameDeclarations ? previous.DeclaringFiles : Patched(previous.DeclaringFiles, changed));
    }

    /// <summary>The changed files (index, facts before, facts now) when the edges stay the same; null when they may not.</summary>
    internal static List<(int File, DocumentFacts Before, DocumentFacts After)>? Changes(FileGraph previous, IReadOnlyList<string> paths, IReadOnlyList<DocumentFacts> facts)
    {
        if (paths.Count != previous.Count || !paths.SequenceEqual(previous.Paths, StringComparer.Ordinal)) return null;
        var changed = new List<(int, DocumentFacts, DocumentFacts)>();
        var moved = new HashSet<DeclaredSymbol>();
        for (var i = 0; i < facts.Count; i++)
        {
            var (before, after) = (previous.Facts[i], facts[i]);
            if (ReferenceEquals(before, after)) continue;
            if (before.IsTest != after.IsTest || before.NameMatched != after.NameMatched
                || !before.Uses.SequenceEqual(after.Uses)
                || !before.Declarations.Where(d => d.IsType).SequenceEqual(after.Declarations.Where(d => d.IsType)))
                return null;
            var members = before.Declarations.Where(d => !d.IsType).ToHashSet();
            members.SymmetricExceptWith(after.Declarations.Where(d => !d.IsType));
            moved.UnionWith(members);
            changed.Add((i, before, after));
        }

        if (moved.Count == 0) return changed;
        var targets = previous.UseTargets ??= TargetsOf(previous.Facts);
        return moved.Any(d => targets.Ids.Contains(d.Id) || targets.DispatchedMembers.Contains(d.Name)) ? null : changed;
    }

    /// <summary>What <see cref="EdgeResolver"/> looks declarations up by: use targets, and the member part of member uses (dispatch).</summary>
    private static Targets TargetsOf(IReadOnlyList<DocumentFacts> facts)
    {
        var targets = new Targets(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var use in facts.SelectMany(f => f.Uses))
        {
            targets.Ids.Add(use.TargetId);
            var dot = use.TargetDisplay.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && use.Kind is EdgeKind.Calls or EdgeKind.ReadsMember or EdgeKind.WritesMember) targets.DispatchedMembers.Add(use.TargetDisplay[(dot + 1)..]);
        }

        return targets;
    }

    /// <summary>The declaration index with the changed files' declarations replaced (each file list ascending, as built).</summary>
    private static Dictionary<string, int[]> Patched(IReadOnlyDictionary<string, int[]> index, List<(int File, DocumentFacts Before, DocumentFacts After)> changed)
    {
        var patched = index is Dictionary<string, int[]> dictionary ? new Dictionary<string, int[]>(dictionary, StringComparer.Ordinal) : new Dictionary<string, int[]>(index, StringComparer.Ordinal);
        foreach (var (file, before, after) in changed)
        {
            foreach (var id in before.Declarations.Select(d => d.Id).Distinct(StringComparer.Ordinal))
            {
                if (!patched.TryGetValue(id, out var files)) continue;
                var rest = files.Where(f => f != file).ToArray();
                if (rest.Length == 0) patched.Remove(id);
                else patched[id] = rest;
            }

            foreach (var id in after.Declarations.Select(d => d.Id).Distinct(StringComparer.Ordinal))
                patched[id] = patched.TryGetValue(id, out var files) ? [.. files.Append(file).Order()] : [file];
        }

        return patched;
    }
}
