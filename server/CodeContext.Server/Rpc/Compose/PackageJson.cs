using System.Text.Json;
using System.Text.Json.Nodes;
using CodeContext.Core;
using CodeContext.Packing;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Compose;

/// <summary>
/// A package as the protocol returns it: the bundle's manifest.json object, where each image
/// segment's image also carries the page itself, as a data URL or as a PNG in the cache directory.
/// </summary>
internal static class PackageJson
{
    public const string DataUrlImages = "dataUrl";
    public const string FileImages = "file";

    public static string ImageMode(string? requested) => requested switch
    {
        null or DataUrlImages => DataUrlImages,
        FileImages => FileImages,
        _ => throw WorkspacePaths.Invalid($"images must be \"{DataUrlImages}\" or \"{FileImages}\", not \"{requested}\""),
    };

    public static JsonObject ToJson(ContextPackage package, string images, CacheDirectory? cache)
    {
        var manifest = JsonSerializer.SerializeToNode(package.Manifest, LspJson.Options)!.AsObject();
        var pages = package.Pages;
        foreach (var segment in manifest["segments"]?.AsArray() ?? [])
        {
            if (segment?["image"] is not JsonObject image || image["file"]?.GetValue<string>() is not { } name || !pages.TryGetValue(name, out var png)) continue;
            if (images == FileImages) image["path"] = CachedPage(cache!, png);
            else image["dataUrl"] = "data:image/png;base64," + Convert.ToBase64String(png);
        }

        return manifest;
    }

    // A page the session reuses is the same byte array: hash and check it once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], string> Written = [];

    /// <summary>Pages are content-addressed: the same page composed again is the same file.</summary>
    private static string CachedPage(CacheDirectory cache, byte[] png)
    {
        if (Written.TryGetValue(png, out var known) && File.Exists(known)) return known;
        var path = Path.Combine(cache.Area("serve-pages"), ContentHash.Of(png)[..32] + ".png");
        if (!File.Exists(path)) AtomicFile.WriteAllBytes(path, png);
        Written.AddOrUpdate(png, path);
        return path;
    }
}
