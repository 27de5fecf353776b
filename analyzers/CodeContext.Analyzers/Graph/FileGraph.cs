namespace CodeContext.Analyzers.Graph;

/// <summary>A resolved use of one file's symbol by another file.</summary>
/// <param name="From">Index of the using file.</param>
/// <param name="To">Index of the declaring file.</param>
public sealed record FileEdge(int From, int To, EdgeKind Kind, int Count, string TargetDisplay, string FromMember, int Line);

/// <summary>
/// The analyse stage's product: files as nodes, typed uses as edges, plus each file's facts
/// (declarations, identifiers) for the lexical and cursor signals.
/// </summary>
public sealed class FileGraph
{
    private readonly Dictionary<string, int> _indexByPath;

    public FileGraph(IReadOnlyList<string> paths, IReadOnlyList<DocumentFacts> facts, IReadOnlyList<FileEdge> edges)
        : this(paths, facts, edges, IndexDeclarations(facts))
    {
    }

    internal FileGraph(IReadOnlyList<string> paths, IReadOnlyList<DocumentFacts> facts, IReadOnlyList<FileEdge> edges, IReadOnlyDictionary<string, int[]> declaringFiles)
    {
        Paths = paths;
        Facts = facts;
        Edges = edges;
        _indexByPath = paths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        Outgoing = Group(edges, e => e.From, paths.Count);
        Incoming = Group(edges, e => e.To, paths.Count);
        DeclaringFiles = declaringFiles;
    }

    private FileGraph(FileGraph edgesOf, IReadOnlyList<DocumentFacts> facts, IReadOnlyDictionary<string, int[]> declaringFiles)
    {
        Paths = edgesOf.Paths;
        Facts = facts;
        Edges = edgesOf.Edges;
        _indexByPath = edgesOf._indexByPath;
        Outgoing = edgesOf.Outgoing;
        Incoming = edgesOf.Incoming;
        DeclaringFiles = declaringFiles;
        UseTargets = edgesOf.UseTargets;
    }

    /// <summary>The same files and edges with other facts (uses unchanged: <see cref="EdgeReuse"/>), sharing what follows from the edges.</summary>
    internal FileGraph WithSameEdges(IReadOnlyList<DocumentFacts> facts, IReadOnlyDictionary<string, int[]> declaringFiles) => new(this, facts, declaringFiles);

    /// <summary>What the uses name (<see cref="EdgeReuse"/>), worked out once and kept while the uses are.</summary>
    internal EdgeReuse.Targets? UseTargets { get; set; }

    internal static Dictionary<string, int[]> IndexDeclarations(IReadOnlyList<DocumentFacts> facts) => facts
        .SelectMany((f, i) => f.Declarations.Select(d => (d.Id, i)))
        .GroupBy(x => x.Id, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.i).Distinct().ToArray(), StringComparer.Ordinal);

    public IReadOnlyList<string> Paths { get; }
    public IReadOnlyList<DocumentFacts> Facts { get; }
    public IReadOnlyList<FileEdge> Edges { get; }
    public IReadOnlyList<IReadOnlyList<FileEdge>> Outgoing { get; }
    public IReadOnlyList<IReadOnlyList<FileEdge>> Incoming { get; }

    /// <summary>Symbol documentation ID -> indices of the files declaring it (several for partial types).</summary>
    public IReadOnlyDictionary<string, int[]> DeclaringFiles { get; }

    public int Count => Paths.Count;

    public int? IndexOf(string relativePath) => _indexByPath.TryGetValue(relativePath, out var i) ? i : null;

    /// <summary>The same files with some files' facts replaced, edges resolved again.</summary>
    public FileGraph WithFacts(IReadOnlyDictionary<string, DocumentFacts> replaced) =>
        EdgeResolver.Resolve(Paths, [.. Paths.Select((p, i) => replaced.GetValueOrDefault(p) ?? Facts[i])]);

    private static IReadOnlyList<FileEdge>[] Group(IReadOnlyList<FileEdge> edges, Func<FileEdge, int> key, int count)
    {
        var lists = Enumerable.Range(0, count).Select(_ => new List<FileEdge>()).ToArray();
        foreach (var edge in edges) lists[key(edge)].Add(edge);
        return [.. lists];
    }
}
