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
                if (!_byName.TryGetValue(symbol.Name, out var list)) _byName[symbol.Name] = list = [];
                list.Add(new Entry(symbol, file, container, SimpleName(container)));
            }
        }
    }

    public IReadOnlyList<Entry> Named(string name) => _byName.TryGetValue(name, out var list) ? list : [];

    /// <summary>
    /// For a member ID, its type's ID and the display a name-matched use of it carries
    /// ("M:A.B.C`1.F``2(System.Int32)" -> ("T:A.B.C`1", "C.F")); nulls for a type's ID.
    /// </summary>
    public static (string? TypeId, string? Display) TypeAndDisplayOf(string id)
    {
        if (id.StartsWith("T:", StringComparison.Ordinal) || id.Length < 3) return (null, null);
        var container = ContainerOf(id);
        var member = SimpleName(WithoutParameters(id)[2..]);
        var type = SimpleName(container);
        return ("T:" + container, member == "#ctor" ? type : $"{type}.{member}");
    }

    /// <summary>"T:A.B.C`1" -> "A.B"; "M:A.B.C.F(System.Int32)" -> "A.B.C".</summary>
    public static string ContainerOf(string id)
    {
        var path = WithoutParameters(id)[2..];
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    /// <summary>"M:A.B.C.F(System.Int32)" -> "M:A.B.C.F": what a file read from syntax cannot write exactly.</summary>
    public static string WithoutParameters(string id) => id.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? id[..open] : id;

    /// <summary>"A.B.C`1" -> "C"; "F``2" -> "F".</summary>
    private static string SimpleName(string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        return name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;
    }
}
