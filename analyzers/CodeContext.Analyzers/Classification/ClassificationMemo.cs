using System.Buffers.Binary;
using CodeContext.Core;
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
    private readonly FileTextMemo<IReadOnlyList<CodeSpan>> _memory = new();
    private readonly string? _folder = cache?.Area("spans");

    public IReadOnlyList<CodeSpan>? TryGet(string path, SourceText text)
    {
        var spans = _memory.TryGet(path, text);
        if (spans is not null || _folder is null) return spans;
        var file = FileFor(text);
        spans = Read(file);
        if (spans is not null)
        {
            CacheTrimmer.Touch(file);
            _memory.Put(path, text, spans);
        }

        return spans;
    }

    /// <param name="persist">False for text being edited: every version of it would otherwise add a file to the cache, which nothing trims.</param>
    public void Put(string path, SourceText text, IReadOnlyList<CodeSpan> spans, bool persist = true)
    {
        _memory.Put(path, text, spans);
        if (_folder is null || !persist) return;
        var buffer = new byte[4 + spans.Count * 9];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var at = 4 + i * 9;
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), spans[i].Start);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at + 4), spans[i].Length);
            buffer[at + 8] = (byte)spans[i].Kind;
        }

        try
        {
            AtomicFile.WriteAllBytes(FileFor(text), buffer);
        }
        catch (IOException)
        {
            // A cache that cannot be written only costs time on a later run.
        }
    }

    private string FileFor(SourceText text) => Path.Combine(_folder!, ContentHash.Combine(FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), text.ToString())[..32] + ".bin");

    private static IReadOnlyList<CodeSpan>? Read(string file)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(file)) return null;
            bytes = File.ReadAllBytes(file);
        }
        catch (IOException)
        {
            return null;
        }

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
