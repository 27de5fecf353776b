namespace CodeContext.Analyzers.Graph;

/// <summary>The codebase's declarations by simple name, with where each lives: what name matching looks names up in.</summary>
internal sealed class DeclarationIndex
{
    private readonly Dictionary<string, List<Entry>> _byName = new(StringComparer.Ordinal);

    /// <param name="Container">For a type its namespace ("Shop.Domain"), for a member its type ("Shop.Domain.Order").</param>
    /// <param name="ContainerName">The container's simple name ("Order"; a namespace's last part for a type).</param>
    public sealed record Entry(DeclaredSymbol Symbol, int File, string Container, string ContainerName);

    public DeclarationIndex(IReadOnlyList<DocumentFacts?> facts)
    {
        for (var file = 0; file < facts.Count; file++)
        {
            foreach (var symbol in facts[file]?.Declarations ?? [])
            {
                var container = ContainerOf(symbol.Id);
                var simple = container[(container.LastIndexOf('.') + 1)..];
                var tick = simple.IndexOf('`', StringComparison.Ordinal);
                if (tick >= 0) simple = simple[..tick];
                if (!_byName.TryGetValue(symbol.Name, out var list)) _byName[symbol.Name] = list = [];
                list.Add(new Entry(symbol, file, container, simple));
            }
        }
    }

    public IReadOnlyList<Entry> Named(string name) => _byName.TryGetValue(name, out var list) ? list : [];

    /// <summary>"T:A.B.C`1" -> "A.B"; "M:A.B.C.F(System.Int32)" -> "A.B.C".</summary>
    public static string ContainerOf(string id)
    {
        var path = id.AsSpan(2);
        var parameters = path.IndexOf('(');
        if (parameters >= 0) path = path[..parameters];
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot].ToString();
    }
}
