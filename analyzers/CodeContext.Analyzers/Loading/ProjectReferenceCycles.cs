namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Project references without cycles. A repository may reference A from B and B from A (or a
/// project from itself); MSBuild would refuse to build it, but a Roslyn snapshot built from it waits
/// for ever: each compilation waits on the other's. The edge that closes a cycle, in a depth-first
/// walk in declaration order, is dropped; everything else is kept.
/// </summary>
internal static class ProjectReferenceCycles
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Break(IReadOnlyDictionary<string, IReadOnlyList<string>> references)
    {
        var kept = references.ToDictionary(p => p.Key, _ => new List<string>(), StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the walk's path, 2 done
        foreach (var start in references.Keys)
        {
            if (state.ContainsKey(start)) continue;
            // Explicit stack: a chain of thousands of projects must not overflow this walk either.
            var stack = new Stack<(string Project, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (project, next) = stack.Pop();
                var targets = references.GetValueOrDefault(project) ?? [];
                if (next >= targets.Count)
                {
                    state[project] = 2;
                    continue;
                }

                stack.Push((project, next + 1));
                var target = targets[next];
                var seen = state.GetValueOrDefault(target);
                if (seen == 1) continue; // closes a cycle: dropped
                kept[project].Add(target);
                if (seen == 0 && references.ContainsKey(target))
                {
                    state[target] = 1;
                    stack.Push((target, 0));
                }
            }
        }

        return kept.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }
}
