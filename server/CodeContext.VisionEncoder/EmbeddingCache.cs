using System.Buffers.Binary;
using System.Text;
using CodeContext.Core;

namespace CodeContext.VisionEncoder;

/// <summary>
/// Page embeddings on disk, keyed by (page content hash, model hash, mode), so re-sending the same
/// context costs no encoder time. One file per page under &lt;cache&gt;/embeddings/xx/&lt;key&gt;.emb:
/// an 8-byte magic, tokens and dim (int32 LE), the 64-character key (so a stray or renamed file never
/// answers for another key), then tokens x dim float16 LE. Written atomically; a file that does not
/// match is a miss and is replaced on the next write.
/// </summary>
public sealed class EmbeddingCache(CacheDirectory cache)
{
    private static readonly byte[] Magic = "CCEMB\u0001\0\0"u8.ToArray();
    private const int KeyLength = 64;
    private const int HeaderLength = 8 + 4 + 4 + KeyLength;

    private readonly string root = cache.Area("embeddings");

    public static string Key(string pageHash, string modelHash, string mode) =>
        ContentHash.Combine("deepencoder-embedding-v1", pageHash, modelHash, mode.ToLowerInvariant());

    public string PathFor(string key) => Path.Combine(root, key[..2], key + ".emb");

    public bool TryGet(string pageHash, string modelHash, string mode, out PageEmbedding embedding)
    {
        embedding = null!;
        var key = Key(pageHash, modelHash, mode);
        var path = PathFor(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        if (bytes.Length < HeaderLength || !bytes.AsSpan(0, 8).SequenceEqual(Magic)) return false;
        var tokens = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var dim = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (tokens <= 0 || dim <= 0 || Encoding.ASCII.GetString(bytes, 16, KeyLength) != key) return false;
        if (bytes.Length != HeaderLength + (long)tokens * dim * 2) return false;
        var values = new float[tokens * dim];
        var payload = bytes.AsSpan(HeaderLength);
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(payload.Slice(i * 2, 2));
        embedding = new PageEmbedding(pageHash, mode, tokens, dim, values, FromCache: true);
        CacheTrimmer.Touch(path);
        return true;
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
        AtomicFile.WriteAllBytes(PathFor(key), bytes);
    }
}
