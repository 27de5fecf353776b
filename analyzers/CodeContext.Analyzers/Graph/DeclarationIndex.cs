namespace CodeContext.Analyzers.Graph;

/// <summary>
/// The codebase's declarations by simple name, with where each lives: what name matching looks
/// names up in. What matching asks of a name (which files declare it, its types, its members and
/// how many types declare them, narrowed by a qualifying type's name) is worked out once per name
/// here: asked per use, it was a scan of every declaration of that name, and common member names
/// ("Name", "Value") have thousands on a large codebase.
/// </summary>
internal sealed class DeclarationIndex
{
    private readonly Dictionary<string, Named> _byName = new(StringComparer.Ordinal);

    /// <param name="Container">For a type its namespace ("Shop.Domain"), for a member its type ("Shop.Domain.Order").</param>
    /// <param name="ContainerName">The container's simple name ("Order"; a namespace's last part for a type).</param>
    public sealed record Entry(DeclaredSymbol Symbol, int File, string Container, string ContainerName);

    /// <summary>Members of one name (all of them, or those of types of one simple name) and how many distinct types declare them.</summary>
    public sealed record Members(List<Entry> Entries, int Types);

    /// <summary>Everything declared under one simple name, in declaration order.</summary>
    public sealed class Named
    {
        private readonly HashSet<int> _files = [];
        private Dictionary<string, Members>? _onType;

        public List<Entry> Types { get; } = [];

        public Members AllMembers { get; private set; } = new([], 0);

        public bool DeclaredIn(int file) => _files.Contains(file);

        /// <summary>The members declared by types named <paramref name="typeName"/>; null when none is.</summary>
        public Members? On(string typeName) => _onType?.GetValueOrDefault(typeName);

        internal void Add(Entry entry)
        {
            _files.Add(entry.File);
            if (entry.Symbol.IsType) Types.Add(entry);
            else AllMembers.Entries.Add(entry);
        }

        internal void Seal()
        {
            if (AllMembers.Entries.Count == 0) return;
            AllMembers = AllMembers with { Types = DistinctContainers(AllMembers.Entries) };
            _onType = AllMembers.Entries.GroupBy(e => e.ContainerName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => { var list = g.ToList(); return new Members(list, DistinctContainers(list)); }, StringComparer.Ordinal);
        }

        private static int DistinctContainers(List<Entry> entries) => entries.Select(e => e.Container).Distinct(StringComparer.Ordinal).Count();
    }

    public DeclarationIndex(IReadOnlyList<DocumentFacts?> facts)
    {
        for (var file = 0; file < facts.Count; file++)
        {
            foreach (var symbol in facts[file]?.Declarations ?? [])
            {
                var container = ContainerOf(symbol.Id);
                if (!_byName.TryGetValue(symbol.Name, out var named)) _byName[symbol.Name] = named = new Named();
                named.Add(new Entry(symbol, file, container, SimpleName(container)));
            }
        }
        foreach (var named in _byName.Values) named.Seal();
    }

    /// <summary>What is declared under <paramref name="name"/>; null when nothing is.</summary>
    public Named? Find(string name) => _byName.GetValueOrDefault(name);

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
