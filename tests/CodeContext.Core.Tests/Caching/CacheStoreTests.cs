using System.Text;
using System.Text.Json;
using CodeContext.Core.Caching;

namespace CodeContext.Core.Tests.Caching;

/// <summary>The store is the only code that turns keys into paths, reads entries and writes them.</summary>
public sealed class CacheStoreTests : IDisposable
{
    private static readonly CacheArea Sharded = new("test-sharded", CacheEntryShape.File, Sharded: true, Trimmed: true, ".json");
    private static readonly CacheArea Flat = new("test-flat", CacheEntryShape.File, Sharded: false, Trimmed: false, ".bin");
    private static readonly CacheArea Sets = new("test-sets", CacheEntryShape.Folder, Sharded: true, Trimmed: true);
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempTree _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Key(string seed) => ContentHash.Of(seed);

    private static string? Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void An_entry_written_is_read_back_from_the_area_folder_sharded_by_its_key()
    {
        var store = new CacheStore(new CacheDirectory(_temp.Root), Sharded);
        var key = Key("a");

        Assert.True(store.TryWrite(key, "{\"n\":1}"u8));

        Assert.Equal("{\"n\":1}", store.TryRead(key, Text));
        Assert.Equal(1, store.TryReadStream(key, stream => JsonSerializer.Deserialize<Dictionary<string, int>>(stream))!["n"]);
        Assert.Equal(Path.Combine(_temp.Root, "test-sharded", key[..2], key + ".json"), store.PathOf(key));
        Assert.True(File.Exists(store.PathOf(key)));
        Assert.Equal(Path.Combine(_temp.Root, "test-flat", "deepseek-v3.bin"), new CacheStore(new CacheDirectory(_temp.Root), Flat).PathOf("deepseek-v3"));
    }

    [Fact]
    public void A_write_replaces_the_entry_whole_and_leaves_no_temporary_file()
    {
        var store = new CacheStore(new CacheDirectory(_temp.Root), Flat);
        var key = Key("b");
        store.TryWrite(key, new byte[10_000]);

        store.TryWrite(key, "short"u8);

        Assert.Equal("short", store.TryRead(key, Text));
        Assert.Single(Directory.GetFiles(store.Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_missing_corrupt_or_unreadable_entry_is_a_miss_and_is_not_touched()
    {
        var store = new CacheStore(new CacheDirectory(_temp.Root), Sharded);
        var key = Key("c");
        static Dictionary<string, int>? Parse(byte[] bytes) => JsonSerializer.Deserialize<Dictionary<string, int>>(bytes);

        Assert.Null(store.TryRead(key, Parse));

        store.TryWrite(key, "{\"n\":"u8); // torn
        File.SetLastWriteTimeUtc(store.PathOf(key), LongAgo);
        Assert.Null(store.TryRead(key, Parse));
        Assert.Null(store.TryReadStream(key, stream => JsonSerializer.Deserialize<Dictionary<string, int>>(stream)));
        Assert.Null(store.TryRead(key, _ => (string?)null)); // the cache's own check refused it
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(store.PathOf(key)));

        File.Delete(store.PathOf(key));
        Directory.CreateDirectory(store.PathOf(key)); // not a file at all
        Assert.Null(store.TryRead(key, Parse));
    }

    [Fact]
    public void A_hit_in_a_trimmed_area_is_touched_and_one_in_a_kept_area_is_not()
    {
        var trimmed = new CacheStore(new CacheDirectory(_temp.Root), Sharded);
        var kept = new CacheStore(new CacheDirectory(_temp.Root), Flat);
        var key = Key("d");
        trimmed.TryWrite(key, "x"u8);
        kept.TryWrite(key, "x"u8);
        File.SetLastWriteTimeUtc(trimmed.PathOf(key), LongAgo);
        File.SetLastWriteTimeUtc(kept.PathOf(key), LongAgo);

        Assert.NotNull(trimmed.TryRead(key, Text));
        Assert.NotNull(kept.TryRead(key, Text));

        Assert.True(File.GetLastWriteTimeUtc(trimmed.PathOf(key)) > DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(kept.PathOf(key)));
    }

    [Fact]
    public void A_folder_entry_holds_named_files_and_a_missing_one_makes_the_read_a_miss()
    {
        var store = new CacheStore(new CacheDirectory(_temp.Root), Sets);
        var key = Key("e");
        store.TryWrite(key, "0001.png", [1, 2, 3]);
        store.TryWrite(key, "list.json", "[1,2]"u8);

        byte[][]? ReadSet(byte[] list) => [.. JsonSerializer.Deserialize<int[]>(list)!.Select(n => File.ReadAllBytes(store.PathOf(key, $"{n:D4}.png")))];

        Assert.Null(store.TryRead(key, "list.json", ReadSet)); // 0002.png was never written
        store.TryWrite(key, "0002.png", [4]);
        Assert.Equal(new byte[][] { [1, 2, 3], [4] }, store.TryRead(key, "list.json", ReadSet));
        Assert.Equal(Path.Combine(_temp.Root, "test-sets", key[..2], key, "0002.png"), store.PathOf(key, "0002.png"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("/etc")]
    [InlineData(".hidden")]
    public void A_key_that_is_not_a_hash_or_safe_name_is_refused(string key)
    {
        var store = new CacheStore(new CacheDirectory(_temp.Root), Sets);
        Assert.Throws<ArgumentException>(() => store.PathOf(key));
        Assert.Throws<ArgumentException>(() => store.PathOf(Key("f"), key));
        Assert.False(Directory.Exists(Path.Combine(_temp.Root, "..", "escape")));
    }

    [Theory]
    [InlineData("../up")]
    [InlineData("Pages")]
    [InlineData("areas")]
    public void An_area_whose_name_could_leave_or_shadow_the_layout_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new CacheStore(new CacheDirectory(_temp.Root), Flat with { Name = name }));

    [Fact]
    public void Opening_an_area_registers_it_on_disk_for_later_trims()
    {
        _ = new CacheStore(new CacheDirectory(_temp.Root), Sharded);
        _ = new CacheStore(new CacheDirectory(_temp.Root), Sets);

        var registered = CacheAreaRegistry.Read(new CacheDirectory(_temp.Root)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(new[] { Sets, Sharded }, registered);
    }

    [Fact]
    public void A_registration_that_is_damaged_or_names_another_area_is_ignored()
    {
        _ = new CacheStore(new CacheDirectory(_temp.Root), Sharded);
        var folder = Path.Combine(_temp.Root, CacheAreaRegistry.FolderName);
        File.WriteAllText(Path.Combine(folder, "broken.json"), "{");
        File.WriteAllText(Path.Combine(folder, "other.json"), File.ReadAllText(Path.Combine(folder, "test-sharded.json")));
        File.WriteAllText(Path.Combine(folder, "escape.json"), "{\"name\":\"../..\",\"entries\":\"file\",\"sharded\":false,\"trimmed\":true}");

        Assert.Equal(new[] { Sharded }, CacheAreaRegistry.Read(new CacheDirectory(_temp.Root)));
    }
}
