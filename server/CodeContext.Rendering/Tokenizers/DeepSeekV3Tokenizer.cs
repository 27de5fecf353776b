using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CodeContext.Rendering.Tokenizers;

/// <summary>
/// DeepSeek-V3 byte-level BPE (the vocabulary DeepSeek-OCR's decoder reads), built from the
/// bundled tokenizer.json. Pieces repeat heavily in code, so each piece's ids are cached.
/// </summary>
public sealed class DeepSeekV3Tokenizer : ITextTokenizer
{
    private const string ResourceName = "CodeContext.Rendering.Tokenizers.deepseek_v3.tokenizer.json.gz";
    private const int MaxCachedPieceLength = 64;

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<long, (int Rank, int Merged)> _merges;
    private readonly int[] _byteIds = new int[256];
    private readonly string[] _addedTokens;
    private readonly Dictionary<string, int> _addedIds;
    private readonly ConcurrentDictionary<string, int[]> _pieceCache = new(StringComparer.Ordinal);

    private DeepSeekV3Tokenizer(Dictionary<string, int> vocab, Dictionary<long, (int, int)> merges, Dictionary<string, int> added)
    {
        _vocab = vocab;
        _merges = merges;
        _addedIds = added;
        _addedTokens = [.. added.Keys.OrderByDescending(k => k.Length)];
        for (var b = 0; b < 256; b++)
        {
            _byteIds[b] = vocab[ByteLevelAlphabet.ByteToChar[b].ToString()];
        }
    }

    public string Id => "deepseek-v3";

    public static DeepSeekV3Tokenizer LoadBundled()
    {
        using var raw = typeof(DeepSeekV3Tokenizer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the DeepSeek-V3 tokenizer is not embedded");
        using var gzip = new GZipStream(raw, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        var model = document.RootElement.GetProperty("model");

        var vocab = new Dictionary<string, int>(130_000, StringComparer.Ordinal);
        foreach (var entry in model.GetProperty("vocab").EnumerateObject())
        {
            vocab[entry.Name] = entry.Value.GetInt32();
        }

        var merges = new Dictionary<long, (int, int)>(130_000);
        var rank = 0;
        foreach (var merge in model.GetProperty("merges").EnumerateArray())
        {
            var text = merge.GetString()!;
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var left = vocab[text[..space]];
            var right = vocab[text[(space + 1)..]];
            merges.TryAdd(Key(left, right), (rank++, vocab[string.Concat(text.AsSpan(0, space), text.AsSpan(space + 1))]));
        }

        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in document.RootElement.GetProperty("added_tokens").EnumerateArray())
        {
            added[token.GetProperty("content").GetString()!] = token.GetProperty("id").GetInt32();
        }

        return new DeepSeekV3Tokenizer(vocab, merges, added);
    }

    public int CountTokens(string text)
    {
        var count = 0;
        Encode(text, ids => count += ids.Length);
        return count;
    }

    public IReadOnlyList<int> EncodeToIds(string text)
    {
        var all = new List<int>();
        Encode(text, ids => all.AddRange(ids));
        return all;
    }

    private void Encode(string text, Action<int[]> onIds)
    {
        // Added tokens (all spelled with fullwidth bars, or <|EOT|>) are matched before splitting,
        // as the reference tokenizer does; ordinary code never contains them, so skip the scan.
        if (text.Contains('｜', StringComparison.Ordinal) || text.Contains("<|EOT|>", StringComparison.Ordinal))
        {
            EncodeWithAddedTokens(text, onIds);
            return;
        }

        EncodeOrdinary(text, onIds);
    }

    private void EncodeWithAddedTokens(string text, Action<int[]> onIds)
    {
        var start = 0;
        var position = 0;
        while (position < text.Length)
        {
            var found = _addedTokens.FirstOrDefault(t => string.CompareOrdinal(text, position, t, 0, t.Length) == 0);
            if (found is null)
            {
                position++;
                continue;
            }

            EncodeOrdinary(text[start..position], onIds);
            onIds([_addedIds[found]]);
            position += found.Length;
            start = position;
        }

        EncodeOrdinary(text[start..], onIds);
    }

    private void EncodeOrdinary(string text, Action<int[]> onIds) =>
        DeepSeekV3PreTokenizer.Split(text, piece => onIds(EncodePiece(piece)));

    private int[] EncodePiece(ReadOnlySpan<char> piece)
    {
        if (piece.Length > MaxCachedPieceLength)
        {
            return Merge(piece);
        }

        var lookup = _pieceCache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(piece, out var cached))
        {
            return cached;
        }

        var ids = Merge(piece);
        lookup.TryAdd(piece, ids);
        return ids;
    }

    /// <summary>Byte-level BPE: start from one token per UTF-8 byte, apply the lowest-ranked merge until none applies.</summary>
    private int[] Merge(ReadOnlySpan<char> piece)
    {
        var byteCount = Encoding.UTF8.GetByteCount(piece);
        Span<byte> bytes = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(piece, bytes);

        // A whole piece that is itself a token needs no merging (most words in code).
        var whole = new StringBuilder(byteCount);
        foreach (var b in bytes)
        {
            whole.Append(ByteLevelAlphabet.ByteToChar[b]);
        }

        if (_vocab.TryGetValue(whole.ToString(), out var wholeId))
        {
            return [wholeId];
        }

        // ranks[i] is the merge rank of (ids[i], ids[i+1]); after a merge only its two
        // neighbouring pairs change, so each step costs a scan of ints and two lookups.
        var ids = new int[byteCount];
        var ranks = new int[byteCount];
        var merged = new int[byteCount];
        for (var i = 0; i < byteCount; i++)
        {
            ids[i] = _byteIds[bytes[i]];
        }

        var count = byteCount;
        for (var i = 0; i < count - 1; i++)
        {
            (ranks[i], merged[i]) = PairRank(ids[i], ids[i + 1]);
        }

        while (count > 1)
        {
            var bestAt = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < count - 1; i++)
            {
                if (ranks[i] < bestRank)
                {
                    bestRank = ranks[i];
                    bestAt = i;
                }
            }

            if (bestAt < 0)
            {
                break;
            }

            ids[bestAt] = merged[bestAt];
            var tail = count - bestAt - 2;
            Array.Copy(ids, bestAt + 2, ids, bestAt + 1, tail);
            Array.Copy(ranks, bestAt + 2, ranks, bestAt + 1, tail);
            Array.Copy(merged, bestAt + 2, merged, bestAt + 1, tail);
            count--;
            if (bestAt > 0)
            {
                (ranks[bestAt - 1], merged[bestAt - 1]) = PairRank(ids[bestAt - 1], ids[bestAt]);
            }

            if (bestAt < count - 1)
            {
                (ranks[bestAt], merged[bestAt]) = PairRank(ids[bestAt], ids[bestAt + 1]);
            }
        }

        return ids[..count];
    }

    private (int Rank, int Merged) PairRank(int left, int right) =>
        _merges.TryGetValue(Key(left, right), out var merge) ? merge : (int.MaxValue, 0);

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
