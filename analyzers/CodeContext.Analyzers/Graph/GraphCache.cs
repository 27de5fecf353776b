using System.Text.Json;
using System.Text.Json.Serialization;
using CodeContext.Core;
using CodeContext.Core.Caching;

namespace CodeContext.Analyzers.Graph;

/// <summary>
/// Per-document facts of one codebase on disk, keyed by the document's content hash, so a run over
/// an unchanged tree needs no semantic analysis at all.
/// </summary>
public sealed class GraphCache(CacheDirectory cache)
{
    private readonly CacheStore _store = new(cache, Area);

    // Bump when DocumentFacts or the analysis changes meaning: old entries are then ignored.
    private const int FormatVersion = 1;

    /// <summary>One file per codebase, never trimmed: losing it costs a whole cold analysis.</summary>
    public static readonly CacheArea Area = new("graph", CacheEntryShape.File, Sharded: false, Trimmed: false, ".json");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public Dictionary<string, DocumentFacts> Load(string root)
    {
        // A damaged or older cache is only a slower run.
        var stored = _store.TryReadStream(KeyOf(root), stream => JsonSerializer.Deserialize<Stored>(stream, Json) is { Version: FormatVersion } s ? s : null);
        return stored is null ? new(StringComparer.Ordinal) : new(stored.Documents, StringComparer.Ordinal);
    }

    public void Save(string root, IReadOnlyDictionary<string, DocumentFacts> documents)
    {
        var stored = new Stored(FormatVersion, root, new Dictionary<string, DocumentFacts>(documents, StringComparer.Ordinal));
        // Streamed: EF Core's graph is about 70 MB of JSON, and serializing it to bytes first grew
        // a buffer by doubling to 134 MB, twice per cold pack (the load's graph and the focus's),
        // garbage that lifted the resident peak until a full collection.
        _store.TryWriteStream(KeyOf(root), stream => JsonSerializer.Serialize(stream, stored, Json));
    }

    private static string KeyOf(string root) => ContentHash.Of(root)[..24];

    private sealed record Stored(int Version, string Root, Dictionary<string, DocumentFacts> Documents);
}
