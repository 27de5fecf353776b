using CodeContext.Analyzers.Classification;
using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Loading;
using CodeContext.Core.Caching;
using CodeContext.Packing;
using CodeContext.Packing.Planning;

namespace CodeContext.Core.Tests.Caching;

/// <summary>The cache stays under its cap by dropping the least recently used recomputable entries.</summary>
public sealed class CacheTrimmerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cc-trim-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The areas these entries belong to, registered as their caches register them.</summary>
    public CacheTrimmerTests()
    {
        foreach (var area in new[] { PageCache.Area, ClassificationMemo.Area, FileFacts.Area, ProjectModelCache.Area, GraphCache.Area })
            _ = new CacheStore(new CacheDirectory(_root), area);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string Write(string relative, int kib, int minutesAgo)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[kib * 1024]);
        File.SetLastWriteTimeUtc(path, Now.AddMinutes(-minutesAgo));
        return path;
    }

    [Fact]
    public void Removes_least_recently_used_entries_whole_until_under_the_cap_and_keeps_the_rest()
    {
        var cache = new CacheDirectory(_root);
        Write("pages/ab/oldset/pages.json", 1, 100);
        Write("pages/ab/oldset/0001.png", 300, 100);
        Write("pages/cd/usedset/0001.png", 300, 90);
        var touched = Write("pages/cd/usedset/pages.json", 1, 90);
        Write("spans/old.bin", 200, 80);
        Write("facts/ef/mid.json", 200, 50);
        Write("spans/fresh.bin", 200, 0);              // written within the last minute: kept
        Write("projects/model.json", 400, 500);        // not recomputable from content alone: never trimmed
        Write("graph/facts.json", 100, 500);

        // The used page set was read a moment ago: it is now the most recently used.
        File.SetLastWriteTimeUtc(touched, Now.AddMinutes(-2));
        var result = CacheTrimmer.TrimIfOver(cache, maxBytes: 1400 * 1024, now: Now);

        Assert.False(Directory.Exists(Path.Combine(_root, "pages/ab/oldset")));
        Assert.False(File.Exists(Path.Combine(_root, "spans/old.bin")));
        Assert.False(File.Exists(Path.Combine(_root, "facts/ef/mid.json")));
        Assert.True(Directory.Exists(Path.Combine(_root, "pages/cd/usedset")));
        Assert.True(File.Exists(Path.Combine(_root, "spans/fresh.bin")));
        Assert.True(File.Exists(Path.Combine(_root, "projects/model.json")));
        Assert.True(File.Exists(Path.Combine(_root, "graph/facts.json")));
        // 1,702 KiB against a 1,400 KiB cap: down to 80 % (1,120 KiB) takes the three oldest entries.
        Assert.Equal(3, result.EntriesRemoved);
        Assert.True(result.BytesBefore - result.BytesRemoved <= 1400 * 1024 * 8 / 10);
    }

    [Fact]
    public void Does_nothing_under_the_cap()
    {
        var cache = new CacheDirectory(_root);
        Write("spans/a.bin", 10, 100);

        var result = CacheTrimmer.TrimIfOver(cache, maxBytes: 1024 * 1024, now: Now);

        Assert.Equal(0, result.EntriesRemoved);
        Assert.True(File.Exists(Path.Combine(_root, "spans/a.bin")));
    }
}
