using System.Text.Json;
using System.Text.Json.Serialization;

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

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Records the area's registration when it is not on disk as it is (best effort: an unwritable cache is unused anyway).</summary>
    internal static bool Register(CacheDirectory directory, CacheArea area)
    {
        var file = Path.Combine(directory.Root, FolderName, area.Name + ".json");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(area, Json);
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
                if (JsonSerializer.Deserialize<CacheArea>(File.ReadAllBytes(file), Json)?.Validated() is { } area
                    && area.Name == Path.GetFileNameWithoutExtension(file))
                {
                    areas.Add(area);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
            {
                // Not a registration this version understands: leave its area alone.
            }
        }

        return areas;
    }
}
