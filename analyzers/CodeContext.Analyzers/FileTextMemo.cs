using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Packing;

/// <summary>
/// Something worked out from one file's text (its priced candidates, its classified spans), kept
/// per path for as long as the text is unchanged: a compose after an edit redoes it only for the
/// edited file. Safe to use from parallel loops.
/// </summary>
public sealed class FileTextMemo<T>
    where T : class
{
    private readonly Dictionary<string, (SourceText Text, T Value)> _byPath = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    internal T? TryGet(string path, SourceText text)
    {
        lock (_gate)
        {
            // The same text object is the common case; a text re-read from disk compares by content.
            return _byPath.TryGetValue(path, out var entry) && (ReferenceEquals(entry.Text, text) || entry.Text.ContentEquals(text)) ? entry.Value : null;
        }
    }

    internal void Put(string path, SourceText text, T value)
    {
        lock (_gate)
        {
            _byPath[path] = (text, value);
        }
    }
}
