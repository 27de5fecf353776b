using CodeContext.Core.Caching;

namespace CodeContext.Core;

/// <summary>What a trim removed.</summary>
public sealed record CacheTrimResult(long BytesBefore, long BytesRemoved, int EntriesRemoved);

/// <summary>
/// Keeps the cache directory under a size cap. Every run adds entries keyed by content (pages,
/// page files, classified spans, priced facts, embeddings), and nothing else ever removes them.
/// Only the areas registered as trimmed (<see cref="CacheAreaRegistry"/>) are trimmed: each entry
/// can be recomputed, so a trim costs time, never results. Least recently used first: reads touch
/// an entry when they use it (<see cref="CacheStore.Touch"/>). Entries written within the last
/// minute are kept (another process may be writing or about to read them).
/// </summary>
public static class CacheTrimmer
{
    /// <summary>Environment variable: the cap in MiB (default 4096).</summary>
    public const string MaxSizeVariable = "CODECONTEXT_CACHE_MAX_MB";

    private const long DefaultMaxMiB = 4096;

    public static long ConfiguredMaxBytes() =>
        (long.TryParse(Environment.GetEnvironmentVariable(MaxSizeVariable), out var mib) && mib > 0 ? mib : DefaultMaxMiB) * 1024 * 1024;

    /// <summary>Removes the least recently used entries until the cache is at 80 % of <paramref name="maxBytes"/>, when it is over it.</summary>
    public static CacheTrimResult TrimIfOver(CacheDirectory cache, long maxBytes, DateTime? now = null)
    {
        long before;
        try
        {
            before = cache.SizeInBytes();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CacheTrimResult(0, 0, 0); // another process is changing the cache: next time
        }

        if (before <= maxBytes) return new CacheTrimResult(before, 0, 0);

        var recent = (now ?? DateTime.UtcNow) - TimeSpan.FromMinutes(1);
        List<(string Path, long Bytes, DateTime LastUsed)> entries;
        try
        {
            entries = [.. CacheAreaRegistry.Read(cache).Where(a => a.Trimmed).SelectMany(a => Entries(Path.Combine(cache.Root, a.Name), a))
                .Where(e => e.LastUsed < recent)
                .OrderBy(e => e.LastUsed)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CacheTrimResult(before, 0, 0); // another process is changing the cache: next time
        }

        var target = maxBytes * 8 / 10;
        long removed = 0;
        var count = 0;
        foreach (var entry in entries)
        {
            if (before - removed <= target) break;
            try
            {
                if (Directory.Exists(entry.Path)) Directory.Delete(entry.Path, recursive: true);
                else File.Delete(entry.Path);
                removed += entry.Bytes;
                count++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use or already gone: leave it.
            }
        }

        return new CacheTrimResult(before, removed, count);
    }

    private static IEnumerable<(string Path, long Bytes, DateTime LastUsed)> Entries(string folder, CacheArea area)
    {
        if (!Directory.Exists(folder)) return [];
        var parents = area.Sharded ? Directory.EnumerateDirectories(folder) : [folder];
        return parents.SelectMany(parent => area.Entries == CacheEntryShape.Folder
            ? Directory.EnumerateDirectories(parent).Select(FolderEntry)
            : Directory.EnumerateFiles(parent).Select(FileEntry));
    }

    private static (string, long, DateTime) FileEntry(string path)
    {
        var info = new FileInfo(path);
        return (path, info.Exists ? info.Length : 0, info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue);
    }

    private static (string, long, DateTime) FolderEntry(string path)
    {
        var files = new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        return (path, files.Sum(f => f.Length), files.Count == 0 ? DateTime.MinValue : files.Max(f => f.LastWriteTimeUtc));
    }
}
