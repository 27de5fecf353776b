using System.Text.Json;
using CodeContext.Core.Caching;

namespace CodeContext.Core.Secrets;

/// <summary>
/// Where the secret scan found secrets in a text, kept per content and rule set: the scan (every
/// pattern over every file) was about a seventh of a warm run on a large codebase, whose files
/// mostly did not change since the last one. The key is the text's hash and the rules'
/// fingerprint, so a changed file, or any change to the rules, is scanned again.
/// A cached entry is only trusted as far as it can be checked: it must name this text's hash and
/// these rules, and every hit must lie inside the text and name a known rule; anything else (a
/// torn, corrupt or foreign entry) is a miss and the text is scanned. Masking applies the hits
/// exactly as a fresh scan's, so the masked text is the same with and without the cache.
/// </summary>
public sealed class SecretScanCache(CacheDirectory directory)
{
    // Bump when what a scan returns for the same rules changes (SecretMasker.Find's logic).
    private const string Version = "secret-scan-1";

    /// <summary>One small file per content, sharded: a codebase has thousands.</summary>
    public static readonly CacheArea Area = new("secrets", CacheEntryShape.File, Sharded: true, Trimmed: true, ".json");

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly CacheStore _store = new(directory, Area);

    /// <summary>The hits of <see cref="SecretMasker.Find"/> on <paramref name="text"/>: from the cache when a valid entry exists, else scanned and stored.</summary>
    public IReadOnlyList<SecretHit> Find(string text)
    {
        var rules = SecretRules.Default;
        var content = ContentHash.Of(text);
        var key = ContentHash.Combine(Version, rules.Fingerprint, content);
        if (_store.TryRead(key, bytes => Valid(JsonSerializer.Deserialize<Entry>(bytes, Json), text, content, rules)) is { } cached) return cached.Hits;

        var hits = SecretMasker.Find(text);
        _store.TryWrite(key, JsonSerializer.SerializeToUtf8Bytes(new Entry(Version, rules.Fingerprint, content, [.. hits]), Json)); // a failed write costs a scan next time
        return hits;
    }

    /// <summary>The entry when it is one for this text and these rules and every hit fits the text; null (scan again) otherwise.</summary>
    private static Entry? Valid(Entry? entry, string text, string content, SecretRules rules)
    {
        if (entry is null || entry.Version != Version || entry.Rules != rules.Fingerprint || entry.Content != content || entry.Hits is null) return null;
        var previous = 0;
        foreach (var hit in entry.Hits)
        {
            if (hit is null || hit.Start < previous || hit.Length <= 0 || hit.Start + hit.Length > text.Length
                || !rules.Patterns.Any(p => p.Id == hit.Rule) || hit.Line != SecretMasker.LineOf(text, hit.Start))
            {
                return null;
            }

            previous = hit.Start;
        }

        return entry;
    }

    private sealed record Entry(string Version, string Rules, string Content, List<SecretHit> Hits);
}
