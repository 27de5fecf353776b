using System.Text;
using System.Text.Json;

namespace CodeContext.Core.Caching;

/// <summary>
/// The areas of a cache directory, as their caches registered them: one small file per area in
/// its "areas" folder. Kept on disk rather than in memory because the trimmer runs in processes
/// that never open most caches (a server trims at load, before it renders a page; <c>pack</c>
/// never loads the encoder), and so that areas a later version stops using are still trimmed.
/// </summary>
public static class CacheAreaRegistry
{
    public const string FolderName = "areas";

    /// <summary>Records the area's registration when it is not on disk as it is (best effort: an unwritable cache is unused anyway).</summary>
    internal static bool Register(CacheDirectory directory, CacheArea area)
    {
        var file = Path.Combine(directory.Root, FolderName, area.Name + ".json");
        var bytes = Encoding.UTF8.GetBytes(Write(area));
        try
        {
            if (!File.Exists(file) || !File.ReadAllBytes(file).AsSpan().SequenceEqual(bytes)) AtomicFile.WriteAllBytes(file, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only trimming misses the area.
        }

        return true;
    }

    /// <summary>The registered areas; a registration that is unreadable or not valid is left out (its area is then never trimmed).</summary>
    public static IReadOnlyList<CacheArea> Read(CacheDirectory directory)
    {
        var folder = Path.Combine(directory.Root, FolderName);
        if (!Directory.Exists(folder)) return [];
        var areas = new List<CacheArea>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            try
            {
                if (Parse(File.ReadAllBytes(file)).Validated() is { } area && area.Name == Path.GetFileNameWithoutExtension(file))
                {
                    areas.Add(area);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                // Not a registration this version understands: leave its area alone.
            }
        }

        return areas;
    }

    // Written by hand, not by the serializer: every run registers its areas, and the serializer's
    // first use of a type costs a cold process tens of milliseconds. Names and extensions are
    // validated safe, so nothing needs escaping.
    private static string Write(CacheArea area) =>
        $"{{\"name\":\"{area.Name}\",\"entries\":\"{(area.Entries == CacheEntryShape.Folder ? "folder" : "file")}\",\"sharded\":{(area.Sharded ? "true" : "false")},\"trimmed\":{(area.Trimmed ? "true" : "false")},\"extension\":\"{area.Extension}\"}}";

    private static CacheArea Parse(byte[] bytes)
    {
        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        var entries = root.GetProperty("entries").GetString() switch
        {
            "file" => CacheEntryShape.File,
            "folder" => CacheEntryShape.Folder,
            var other => throw new InvalidOperationException($"unknown entry shape '{other}'"),
        };
        return new CacheArea(root.GetProperty("name").GetString() ?? "", entries, root.GetProperty("sharded").GetBoolean(), root.GetProperty("trimmed").GetBoolean(), root.GetProperty("extension").GetString() ?? "");
    }
}
