namespace CodeContext.VisionEncoder.Tests;

public sealed class CacheTests(TinyModels tiny) : IClassFixture<TinyModels>, IDisposable
{
    private readonly TempTree temp = new();

    [Fact]
    public void Second_encode_is_served_from_the_cache_with_the_same_values()
    {
        var cache = new EmbeddingCache(new Core.CacheDirectory(temp.Root));
        var encoder = new PageEncoder(tiny.Models, cache);
        var page = TinyModels.Page("page-640.png");
        var mode = DeepSeekOcrModes.Get("Small");

        var first = encoder.Encode([page], mode, 1);
        Assert.Equal((0, 1), (first.CacheHits, first.Encoded));
        Assert.False(first.Pages[0].FromCache);

        var second = encoder.Encode([page], mode, 1);
        Assert.Equal((1, 0), (second.CacheHits, second.Encoded));
        Assert.True(second.Pages[0].FromCache);
        Assert.Equal(first.Pages[0].Tokens, second.Pages[0].Tokens);
        // Stored as float16: equal up to half-precision rounding.
        Assert.InRange(TinyModels.RelativeError(second.Pages[0].Values, first.Pages[0].Values), 0, 1e-3);
        Assert.Empty(Directory.EnumerateFiles(temp.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Key_covers_page_model_and_mode()
    {
        var cache = new EmbeddingCache(new Core.CacheDirectory(temp.Root));
        var values = Enumerable.Range(0, 3 * 4).Select(i => i / 7f).ToArray();
        cache.Put("model-a", new PageEmbedding("page-1", "Base", 3, 4, values, FromCache: false));

        Assert.True(cache.TryGet("page-1", "model-a", "base", out var hit));
        Assert.Equal((3, 4), (hit.Tokens, hit.Dim));
        Assert.False(cache.TryGet("page-2", "model-a", "Base", out _));
        Assert.False(cache.TryGet("page-1", "model-b", "Base", out _)); // another model: invalidated
        Assert.False(cache.TryGet("page-1", "model-a", "Large", out _));
    }

    [Fact]
    public void A_damaged_entry_is_a_miss_and_is_replaced()
    {
        var cache = new EmbeddingCache(new Core.CacheDirectory(temp.Root));
        var embedding = new PageEmbedding("page-1", "Tiny", 2, 2, [1f, 2f, 3f, 4f], FromCache: false);
        cache.Put("model", embedding);
        var path = cache.PathFor(EmbeddingCache.Key("page-1", "model", "Tiny"));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]); // truncated
        Assert.False(cache.TryGet("page-1", "model", "Tiny", out _));

        cache.Put("model", embedding);
        Assert.True(cache.TryGet("page-1", "model", "Tiny", out var again));
        Assert.Equal([1f, 2f, 3f, 4f], again.Values);
    }

    [Fact]
    public void An_entry_under_another_keys_name_is_not_served()
    {
        var cache = new EmbeddingCache(new Core.CacheDirectory(temp.Root));
        cache.Put("model", new PageEmbedding("page-1", "Tiny", 1, 2, [1f, 2f], FromCache: false));
        var source = cache.PathFor(EmbeddingCache.Key("page-1", "model", "Tiny"));
        var target = cache.PathFor(EmbeddingCache.Key("page-2", "model", "Tiny"));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target);
        Assert.False(cache.TryGet("page-2", "model", "Tiny", out _));
    }

    public void Dispose() => temp.Dispose();
}
