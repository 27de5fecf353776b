using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Packing.Planning;

/// <summary>
/// A long-lived host's candidates by file content: pricing a file (facts from the disk cache,
/// masking, slicing, cells) is the same until its text changes, so a compose after an edit
/// re-prices only the edited file.
/// </summary>
public sealed class CandidatePool
{
    private readonly Dictionary<string, (SourceText Text, IReadOnlyList<Candidate> Templates)> _byPath = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    internal IReadOnlyList<Candidate>? TryGet(string path, SourceText text)
    {
        lock (_gate)
        {
            if (!_byPath.TryGetValue(path, out var entry))
            {
                return null;
            }

            // The same text object is the common case; a text re-read from disk compares by content.
            return ReferenceEquals(entry.Text, text) || entry.Text.ContentEquals(text) ? entry.Templates : null;
        }
    }

    internal void Put(string path, SourceText text, IReadOnlyList<Candidate> templates)
    {
        lock (_gate)
        {
            _byPath[path] = (text, templates);
        }
    }
}
