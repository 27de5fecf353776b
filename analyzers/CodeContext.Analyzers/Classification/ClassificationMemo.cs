using System.Buffers.Binary;
using CodeContext.Core;
using CodeContext.Core.Caching;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers.Classification;

/// <summary>
/// Each file's classified spans while its text is unchanged: in memory per path, and on disk per
/// content (the cache's "spans" area) so that a later run rendering pages for another request does
/// not bind every file again to colour it. Classifying a file binds all its method bodies, which
/// for a whole codebase costs as much as the graph walk; the walk fills this memo for free, from
/// the models it has bound anyway. Like the in-memory memo, the disk copy holds a file's colours
/// until the file itself changes (a name in it that became a type elsewhere keeps its old colour).
/// </summary>
public sealed class ClassificationMemo(CacheDirectory? cache = null)
{
    // Bump when CodeSpanKind or the classifier's mapping changes: old entries then never match.
    private const int FormatVersion = 1;

    /// <summary>One file per file content; flat (the layout it always had).</summary>
    public static readonly CacheArea Area = new("spans", CacheEntryShape.File, Sharded: false, Trimmed: true, ".bin");

    private readonly FileTextMemo<IReadOnlyList<CodeSpan>> _memory = new();
    private readonly CacheStore? _store = cache is null ? null : new CacheStore(cache, Area);

    public IReadOnlyList<CodeSpan>? TryGet(string path, SourceText text)
    {
        var spans = _memory.TryGet(path, text);
        if (spans is not null || _store is null) return spans;
        spans = _store.TryRead(KeyOf(text), Read);
        if (spans is not null) _memory.Put(path, text, spans);

        return spans;
    }

    /// <param name="persist">False for text being edited: every version of it would otherwise add a file to the cache, which nothing trims.</param>
    public void Put(string path, SourceText text, IReadOnlyList<CodeSpan> spans, bool persist = true)
    {
        _memory.Put(path, text, spans);
        if (_store is null || !persist) return;
        var buffer = new byte[4 + spans.Count * 9];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var at = 4 + i * 9;
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), spans[i].Start);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 4), spans[i].Length);
            buffer[at + 8] = (byte)spans[i].Kind;
        }

        _store.TryWrite(KeyOf(text), buffer); // a cache that cannot be written only costs time on a later run
    }

    private static string KeyOf(SourceText text) => ContentHash.Combine(FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), text.ToString())[..32];

    private static IReadOnlyList<CodeSpan>? Read(byte[] bytes)
    {
        if (bytes.Length < 4) return null;
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (count < 0 || bytes.Length != 4 + (long)count * 9) return null; // torn or foreign: classify again
        var spans = new CodeSpan[count];
        for (var i = 0; i < count; i++)
        {
            var at = 4 + i * 9;
            var kind = bytes[at + 8];
            if (!Enum.IsDefined((CodeSpanKind)kind)) return null;
            spans[i] = new CodeSpan(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at)), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4)), (CodeSpanKind)kind);
        }

        return spans;
    }
}
