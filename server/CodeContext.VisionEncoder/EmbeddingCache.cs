using System.Buffers.Binary;
using System.Text;
using CodeContext.Core;
using CodeContext.Core.Caching;

namespace CodeContext.VisionEncoder;

/// <summary>
/// Page embeddings on disk, keyed by (page content hash, model hash, mode), so re-sending the same
/// context costs no encoder time. One file per page under &lt;cache&gt;/embeddings/xx/&lt;key&gt;.emb:
/// an 8-byte magic, tokens and dim (int32 LE), the 64-character key (so a stray or renamed file never
/// answers for another key), then tokens x dim float16 LE. Written atomically; a file that does not
/// match is a miss and is replaced on the next write (<see cref="CacheStore"/>).
/// </summary>
public sealed class EmbeddingCache(CacheDirectory cache)
{
    /// <summary>One file per page, model and mode, sharded.</summary>
    public static readonly CacheArea Area = new("embeddings", CacheEntryShape.File, Sharded: true, Trimmed: true, ".emb");

    private static readonly byte[] Magic = "CCEMB\u0001\0\0"u8.ToArray();
    private const int KeyLength = 64;
    private const int HeaderLength = 8 + 4 + 4 + KeyLength;

    private readonly CacheStore store = new(cache, Area);

    public static string Key(string pageHash, string modelHash, string mode) =>
        ContentHash.Combine("deepencoder-embedding-v1", pageHash, modelHash, mode.ToLowerInvariant());

    public string PathFor(string key) => store.PathOf(key);

    public bool TryGet(string pageHash, string modelHash, string mode, out PageEmbedding embedding)
    {
        var key = Key(pageHash, modelHash, mode);
        embedding = store.TryRead(key, bytes => Parse(bytes, key, pageHash, mode))!;
        return embedding is not null;
    }

    private static PageEmbedding? Parse(byte[] bytes, string key, string pageHash, string mode)
    {
        if (bytes.Length < HeaderLength || !bytes.AsSpan(0, 8).SequenceEqual(Magic)) return null;
        var tokens = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var dim = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (tokens <= 0 || dim <= 0 || Encoding.ASCII.GetString(bytes, 16, KeyLength) != key) return null;
        if (bytes.Length != HeaderLength + (long)tokens * dim * 2) return null;
        var values = new float[tokens * dim];
        var payload = bytes.AsSpan(HeaderLength);
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(payload.Slice(i * 2, 2));
        return new PageEmbedding(pageHash, mode, tokens, dim, values, FromCache: true);
    }

    public void Put(string modelHash, PageEmbedding embedding)
    {
        var key = Key(embedding.PageHash, modelHash, embedding.Mode);
        var bytes = new byte[HeaderLength + (long)embedding.Values.Length * 2];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), embedding.Tokens);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), embedding.Dim);
        Encoding.ASCII.GetBytes(key, bytes.AsSpan(16, KeyLength));
        var payload = bytes.AsSpan(HeaderLength);
        for (var i = 0; i < embedding.Values.Length; i++)
            BinaryPrimitives.WriteHalfLittleEndian(payload.Slice(i * 2, 2), (Half)embedding.Values[i]);
        store.TryWrite(key, bytes); // an unwritable cache only costs encoder time next time
    }
}
