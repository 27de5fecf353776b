using CodeContext.Analyzers.Classification;
using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core.Caching;
using CodeContext.Core.Secrets;
using CodeContext.Packing;
using CodeContext.Packing.Planning;
using CodeContext.Server.Rpc.Compose;
using CodeContext.VisionEncoder;

namespace CodeContext.Core.Tests.Caching;

/// <summary>
/// Every cache's area, as the cache itself registers it: content-keyed entries are trimmed, per-codebase
/// state is kept, and a folder no cache registered (ask sessions) is never touched.
/// </summary>
public sealed class RegisteredAreaTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, bool> Areas() => new()
    {
        { PageCache.Area.Name, true },
        { PackageJson.ServedPages.Name, true },
        { ClassificationMemo.Area.Name, true },
        { FileFacts.Area.Name, true },
        { EmbeddingCache.Area.Name, true },
        { SecretScanCache.Area.Name, true },
        { GitLogCache.Area.Name, true },
        { ProjectModelCache.Area.Name, false },
        { GraphCache.Area.Name, false },
        { CachedTokenCounter.Area.Name, false },
        { SignalMixLearner.Area.Name, false },
    };

    private static readonly CacheArea[] All =
        [PageCache.Area, PackageJson.ServedPages, ClassificationMemo.Area, FileFacts.Area, EmbeddingCache.Area, SecretScanCache.Area, GitLogCache.Area, ProjectModelCache.Area, GraphCache.Area, CachedTokenCounter.Area, SignalMixLearner.Area];

    private readonly TempTree _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Areas))]
    public void An_old_entry_is_trimmed_exactly_when_its_cache_says_it_may_be(string name, bool trimmed)
    {
        var entries = All.Select(area => (Area: area, Path: WriteOldEntry(new CacheStore(new CacheDirectory(_temp.Root), area)))).ToList();
        var session = Path.Combine(new CacheDirectory(_temp.Root).Area("sessions"), "chat.json");
        File.WriteAllBytes(session, new byte[4096]);
        File.SetLastWriteTimeUtc(session, LongAgo);

        CacheTrimmer.TrimIfOver(new CacheDirectory(_temp.Root), maxBytes: 1, now: DateTime.UtcNow);

        var entry = entries.Single(e => e.Area.Name == name);
        Assert.Equal(trimmed, entry.Area.Trimmed);
        Assert.Equal(!trimmed, Path.Exists(entry.Path));
        Assert.True(File.Exists(session));
    }

    [Fact]
    public void Every_cache_has_its_own_folder() =>
        Assert.Equal(All.Length, All.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count());

    private static string WriteOldEntry(CacheStore store)
    {
        var key = ContentHash.Of(store.Area.Name);
        if (store.Area.Entries == CacheEntryShape.Folder)
        {
            store.TryWrite(key, "0001.png", new byte[4096]);
            File.SetLastWriteTimeUtc(store.PathOf(key, "0001.png"), LongAgo);
        }
        else
        {
            store.TryWrite(key, new byte[4096]);
            File.SetLastWriteTimeUtc(store.PathOf(key), LongAgo);
        }

        return store.PathOf(key);
    }
}
