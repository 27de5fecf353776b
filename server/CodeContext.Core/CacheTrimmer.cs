namespace CodeContext.Core;

/// <summary>What a trim removed.</summary>
public sealed record CacheTrimResult(long BytesBefore, long BytesRemoved, int EntriesRemoved);

/// <summary>
/// Keeps the cache directory under a size cap. Every run adds pages, page files, classified spans,
/// priced facts and embeddings keyed by content, and nothing else ever removes them. Only those
/// areas are trimmed: each entry can be recomputed, so a trim costs time, never results. Least
/// recently used first: readers touch an entry when they use it (<see cref="Touch"/>). Entries
/// written within the last minute are kept (another process may be writing or about to read them).
/// </summary>
public static class CacheTrimmer
{
    /// <summary>Environment variable: the cap in MiB (default 4096).</summary>
    public const string MaxSizeVariable = "CODECONTEXT_CACHE_MAX_MB";

    private const long DefaultMaxMiB = 4096;

    // Area; whether its entries sit in two-letter sub-folders; whether an entry is a folder (a page set) or a file.
    private static readonly (string Area, bool Nested, bool FolderEntries)[] Areas =
        [("pages", true, true), ("serve-pages", false, false), ("spans", false, false), ("facts", true, false), ("embeddings", true, false)];

    public static long ConfiguredMaxBytes() =>
        (long.TryParse(Environment.GetEnvironmentVariable(MaxSizeVariable), out var mib) && mib > 0 ? mib : DefaultMaxMiB) * 1024 * 1024;

    /// <summary>Marks an entry used now, so trimming removes it last. Best effort.</summary>
    public static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the eviction order suffers.
        }
    }

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
            entries = [.. Areas.SelectMany(a => Entries(Path.Combine(cache.Root, a.Area), a.Nested, a.FolderEntries))
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

    private static IEnumerable<(string Path, long Bytes, DateTime LastUsed)> Entries(string area, bool nested, bool folderEntries)
    {
        if (!Directory.Exists(area)) return [];
        var parents = nested ? Directory.EnumerateDirectories(area) : [area];
        return parents.SelectMany(parent => folderEntries
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
