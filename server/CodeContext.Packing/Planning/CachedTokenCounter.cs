using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CodeContext.Core;
using CodeContext.Core.Caching;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing.Planning;

/// <summary>
/// Token counts remembered by content hash, kept in the cache directory between runs (one file per
/// tokenizer, written atomically): pricing every file of a large codebase is mostly tokenizing,
/// and the text of a file that did not change costs the same next time.
/// </summary>
internal sealed class CachedTokenCounter : ITextTokenizer
{
    /// <summary>One table per tokenizer (named by its id), never trimmed: a few MB that price a codebase without tokenizing it.</summary>
    public static readonly CacheArea Area = new("tokens", CacheEntryShape.File, Sharded: false, Trimmed: false, ".bin");

    private const int HashBytes = 16;
    private readonly Lazy<ITextTokenizer> _inner;
    private readonly CacheStore? _store;
    private readonly ConcurrentDictionary<UInt128, int> _counts = new();
    private int _added;

    /// <param name="id">The tokenizer's id; the tokenizer itself is loaded only when a count is not cached (loading the DeepSeek table costs most of a second).</param>
    public CachedTokenCounter(string id, Func<ITextTokenizer> load, CacheDirectory? cache)
    {
        Id = id;
        _inner = new Lazy<ITextTokenizer>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        _store = cache is null ? null : new CacheStore(cache, Area);
        Load();
    }

    public string Id { get; }

    public int CountTokens(string text)
    {
        var key = KeyOf(text);
        if (_counts.TryGetValue(key, out var count))
        {
            return count;
        }

        count = _inner.Value.CountTokens(text);
        if (_counts.TryAdd(key, count))
        {
            Interlocked.Increment(ref _added);
        }

        return count;
    }

    /// <summary>
    /// Starts loading the tokenizer on the thread pool when no counts are cached at all: a first run
    /// will need it for every file, and the load then overlaps the codebase's analysis instead of
    /// delaying the compose. With a table on disk it stays lazy (most runs never load it).
    /// </summary>
    public void LoadInBackgroundIfCold()
    {
        if (_counts.IsEmpty) _ = Task.Run(() => _inner.Value);
    }

    /// <summary>Writes the table back when counts were added since the last save (a long-lived host saves after every compose).</summary>
    public void Save()
    {
        if (_store is null || Interlocked.Exchange(ref _added, 0) == 0)
        {
            return;
        }

        var buffer = new byte[_counts.Count * (HashBytes + 4)];
        var at = 0;
        foreach (var (key, count) in _counts)
        {
            BitConverter.TryWriteBytes(buffer.AsSpan(at, HashBytes), key);
            BitConverter.TryWriteBytes(buffer.AsSpan(at + HashBytes, 4), count);
            at += HashBytes + 4;
        }

        if (!_store.TryWrite(Id, buffer))
        {
            // A cache that cannot be written only costs time on the next run; try again next save.
            Interlocked.Increment(ref _added);
        }
    }

    private void Load() =>
        _store?.TryRead(Id, bytes =>
        {
            for (var at = 0; at + HashBytes + 4 <= bytes.Length; at += HashBytes + 4)
            {
                _counts[BitConverter.ToUInt128(bytes, at)] = BitConverter.ToInt32(bytes, at + HashBytes);
            }

            return bytes;
        });

    /// <summary>The text's SHA-256 over its UTF-8 bytes, encoded into a pooled buffer: every file of a codebase is counted, and a fresh array per count was garbage the size of the codebase.</summary>
    private static UInt128 KeyOf(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            SHA256.HashData(buffer.AsSpan(0, length), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return BitConverter.ToUInt128(hash);
    }
}
