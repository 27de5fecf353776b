using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers;

/// <summary>
/// Something worked out from one file's text (its classified spans, its priced candidates), kept
/// per path for as long as the text is unchanged: work after an edit is redone only for the edited
/// file. Safe to use from parallel loops.
/// </summary>
public sealed class FileTextMemo<T>
    where T : class
{
    private readonly Dictionary<string, (SourceText Text, T Value)> _byPath = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public T? TryGet(string path, SourceText text)
    {
        lock (_gate)
        {
            // The same text object is the common case; a text re-read from disk compares by content.
            return _byPath.TryGetValue(path, out var entry) && (ReferenceEquals(entry.Text, text) || entry.Text.ContentEquals(text)) ? entry.Value : null;
        }
    }

    public void Put(string path, SourceText text, T value)
    {
        lock (_gate)
        {
            _byPath[path] = (text, value);
        }
    }
}
