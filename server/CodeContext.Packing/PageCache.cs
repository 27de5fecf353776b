using System.Text.Json;
using CodeContext.Core;
using CodeContext.Core.Caching;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;

namespace CodeContext.Packing;

/// <summary>
/// Rendered pages of one level, kept under the cache directory keyed by what decides their pixels
/// (profile, level, theme, renderer version and every fragment's path, lines and masked text), so a
/// warm run skips semantic classification and rasterising. The page list is written last: an entry
/// without it is incomplete and ignored.
/// </summary>
internal sealed class PageCache(CacheDirectory? cache)
{
    /// <summary>A folder per page set (its PNGs and the list), sharded: a codebase renders thousands of sets.</summary>
    public static readonly CacheArea Area = new("pages", CacheEntryShape.Folder, Sharded: true, Trimmed: true);

    private const string ListFile = "pages.json";

    // The renderer's build: a deterministic build's module id changes exactly when the renderer's
    // code or embedded data (profiles, levels, themes) changes, so pages from an older renderer are
    // never served for a newer one (a hand-bumped constant was missed through three rounds).
    private static readonly string RendererVersion = typeof(CodeContext.Rendering.PageRenderer).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly CacheStore? _store = cache is null ? null : new CacheStore(cache, Area);

    public static string KeyOf(string profile, string level, string? theme, IReadOnlyList<SourceFragment> fragments) =>
        ContentHash.Combine([profile, level, theme ?? "", RendererVersion, .. fragments.Select(f => $"{f.RelativePath}:{f.StartLine}-{f.EndLine}:{ContentHash.Of(f.Text)}{(f.LineNumbers is { } n ? ":" + ContentHash.Of(string.Join(',', n)) : "")}")]);

    /// <summary>The set, or null when it is missing or incomplete (a page file missing or unreadable is a miss too).</summary>
    public IReadOnlyList<RenderedPage>? TryGet(string key) =>
        _store?.TryRead(key, ListFile, bytes => JsonSerializer.Deserialize<List<CachedPage>>(bytes, Json)?
            .Select(p => new RenderedPage(p.Number, File.ReadAllBytes(_store.PathOf(key, PageFile(p.Number))), p.Width, p.Height, p.VisionTokens, p.TextTokens, p.Compression, p.Regions))
            .ToList());

    /// <summary>Writes the pages, then the list: an interrupted write leaves a set without its list, which is a miss.</summary>
    public void Put(string key, IReadOnlyList<RenderedPage> pages)
    {
        if (_store is null) return;
        foreach (var page in pages)
        {
            if (!_store.TryWrite(key, PageFile(page.Number), page.Png)) return; // a cache that cannot be written only costs time on the next run
        }

        var list = pages.Select(p => new CachedPage(p.Number, p.Width, p.Height, p.VisionTokens, p.TextTokens, p.Compression, p.Regions)).ToList();
        _store.TryWrite(key, ListFile, JsonSerializer.SerializeToUtf8Bytes(list, Json));
    }

    private static string PageFile(int number) => $"{number:D4}.png";

    private sealed record CachedPage(int Number, int Width, int Height, int VisionTokens, int TextTokens, double Compression, IReadOnlyList<PageRegion> Regions);
}
