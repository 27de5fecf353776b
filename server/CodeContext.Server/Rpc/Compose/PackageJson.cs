using CodeContext.Core;
using CodeContext.Core.Caching;
using CodeContext.Packing;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Compose;

/// <summary>
/// A package as the protocol returns it: the bundle's manifest.json object, where each image
/// segment's image also carries the page itself, as a data URL or as a PNG in the cache directory.
/// </summary>
internal static class PackageJson
{
    /// <summary>Page files the server hands out by path, one per page content; flat (the layout it always had).</summary>
    public static readonly CacheArea ServedPages = new("serve-pages", CacheEntryShape.File, Sharded: false, Trimmed: true, ".png");

    public const string DataUrlImages = "dataUrl";
    public const string FileImages = "file";

    public static string ImageMode(string? requested) => requested switch
    {
        null or DataUrlImages => DataUrlImages,
        FileImages => FileImages,
        _ => throw RequestErrors.InvalidParams($"images must be \"{DataUrlImages}\" or \"{FileImages}\", not \"{requested}\""),
    };

    /// <summary>The manifest with each image segment's page attached; serialised once, by the JSON-RPC formatter.</summary>
    public static Manifest WithImages(ContextPackage package, string images, CacheDirectory? cache)
    {
        var pages = package.Pages;
        var segments = package.Manifest.Segments.Select(segment =>
        {
            if (segment.Image is not { } image || !pages.TryGetValue(image.File, out var png)) return segment;
            return segment with
            {
                Image = images == FileImages
                    ? image with { Path = CachedPage(cache!, png) }
                    : image with { DataUrl = "data:image/png;base64," + Convert.ToBase64String(png) },
            };
        }).ToList();
        return package.Manifest with { Segments = segments };
    }

    // A page the session reuses is the same byte array: hash and check it once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], string> Written = [];

    /// <summary>Pages are content-addressed: the same page composed again is the same file.</summary>
    private static string CachedPage(CacheDirectory cache, byte[] png)
    {
        if (Written.TryGetValue(png, out var known) && File.Exists(known)) return known;
        var store = new CacheStore(cache, ServedPages);
        var key = ContentHash.Of(png)[..32];
        if (!store.Exists(key) && !store.TryWrite(key, png)) throw new IOException($"cannot write a page file into the cache directory '{cache.Root}'");
        var path = store.PathOf(key);
        Written.AddOrUpdate(png, path);
        return path;
    }
}
