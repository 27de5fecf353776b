using System.Text.Json;
using System.Text.Json.Serialization;
using CodeContext.Core;

namespace CodeContext.Analyzers.Graph;

/// <summary>
/// Per-document facts of one codebase on disk, keyed by the document's content hash, so a run over
/// an unchanged tree needs no semantic analysis at all.
/// </summary>
public sealed class GraphCache(CacheDirectory cache)
{
    // Bump when DocumentFacts or the analysis changes meaning: old entries are then ignored.
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public Dictionary<string, DocumentFacts> Load(string root)
    {
        var path = FileFor(root);
        if (!File.Exists(path)) return new(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            var stored = JsonSerializer.Deserialize<Stored>(stream, Json);
            if (stored is null || stored.Version != FormatVersion) return new(StringComparer.Ordinal);
            return new(stored.Documents, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return new(StringComparer.Ordinal); // a damaged cache is only a slower run
        }
    }

    public void Save(string root, IReadOnlyDictionary<string, DocumentFacts> documents)
    {
        var stored = new Stored(FormatVersion, root, new Dictionary<string, DocumentFacts>(documents, StringComparer.Ordinal));
        AtomicFile.WriteAllBytes(FileFor(root), JsonSerializer.SerializeToUtf8Bytes(stored, Json));
    }

    private string FileFor(string root) => Path.Combine(cache.Area("graph"), ContentHash.Of(root)[..24] + ".json");

    private sealed record Stored(int Version, string Root, Dictionary<string, DocumentFacts> Documents);
}
