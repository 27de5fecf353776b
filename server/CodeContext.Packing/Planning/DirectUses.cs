using CodeContext.Analyzers.Graph;

namespace CodeContext.Packing.Planning;

/// <summary>
/// The files that declare what the active file uses directly: the types it names, inherits or
/// implements, the members it calls, reads, writes or overrides, and the other parts of its partial
/// types. The code in front of the model calls these declarations, so their exact spelling (a
/// signature, an enum's members, a record's properties) is worth more than their rank alone says:
/// the planner values exact forms of them above images (planner.json, directUseExactness).
/// Files that merely reach the active file through an interface or test it are not direct uses.
/// </summary>
public static class DirectUses
{
    private static readonly HashSet<EdgeKind> Direct =
    [
        EdgeKind.Inherits, EdgeKind.Implements, EdgeKind.Overrides, EdgeKind.Calls, EdgeKind.Creates,
        EdgeKind.ReferencesType, EdgeKind.ReadsMember, EdgeKind.WritesMember, EdgeKind.SamePartial,
    ];

    /// <summary>Paths of the files the active file uses directly; empty when the active file is not in the graph.</summary>
    public static IReadOnlySet<string> Of(FileGraph graph, string activePath)
    {
        if (graph.IndexOf(activePath) is not { } active)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        return graph.Outgoing[active]
            .Where(e => e.To != active && Direct.Contains(e.Kind))
            .Select(e => graph.Paths[e.To])
            .ToHashSet(StringComparer.Ordinal);
    }
}
