using System.Text.Json;
using CodeContext.Core;
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
    // The renderer's build: a deterministic build's module id changes exactly when the renderer's
    // code or embedded data (profiles, levels, themes) changes, so pages from an older renderer are
    // never served for a newer one (a hand-bumped constant was missed through three rounds).
    private static readonly string RendererVersion = typeof(CodeContext.Rendering.PageRenderer).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string KeyOf(string profile, string level, string? theme, IReadOnlyList<SourceFragment> fragments) =>
        ContentHash.Combine([profile, level, theme ?? "", RendererVersion, .. fragments.Select(f => $"{f.RelativePath}:{f.StartLine}-{f.EndLine}:{ContentHash.Of(f.Text)}{(f.LineNumbers is { } n ? ":" + ContentHash.Of(string.Join(',', n)) : "")}")]);

    public IReadOnlyList<RenderedPage>? TryGet(string key)
    {
        if (cache is null)
        {
            return null;
        }

        var folder = Path.Combine(cache.Root, "pages", key[..2], key);
        var listPath = Path.Combine(folder, "pages.json");
        try
        {
            if (!File.Exists(listPath))
            {
                return null;
            }

            var list = JsonSerializer.Deserialize<List<CachedPage>>(File.ReadAllText(listPath), Json);
            CacheTrimmer.Touch(listPath);
            return list?.Select(p => new RenderedPage(p.Number, File.ReadAllBytes(Path.Combine(folder, $"{p.Number:D4}.png")), p.Width, p.Height, p.VisionTokens, p.TextTokens, p.Compression, p.Regions)).ToList();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Put(string key, IReadOnlyList<RenderedPage> pages)
    {
        if (cache is null)
        {
            return;
        }

        var folder = Path.Combine(cache.Area("pages"), key[..2], key);
        try
        {
            foreach (var page in pages)
            {
                AtomicFile.WriteAllBytes(Path.Combine(folder, $"{page.Number:D4}.png"), page.Png);
            }

            var list = pages.Select(p => new CachedPage(p.Number, p.Width, p.Height, p.VisionTokens, p.TextTokens, p.Compression, p.Regions)).ToList();
            AtomicFile.WriteAllText(Path.Combine(folder, "pages.json"), JsonSerializer.Serialize(list, Json));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs time on the next run.
        }
    }

    private sealed record CachedPage(int Number, int Width, int Height, int VisionTokens, int TextTokens, double Compression, IReadOnlyList<PageRegion> Regions);
}
