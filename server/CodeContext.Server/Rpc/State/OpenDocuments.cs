using CodeContext.Core;
using CodeContext.Server.Rpc.Protocol;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Server.Rpc.State;

/// <summary>An editor's unsaved text of one file and its LSP version.</summary>
internal sealed record OpenDocument(string FullPath, SourceText Text, int Version);

/// <summary>
/// The texts the editor holds open, keyed by physical path. They win over the disk until closed.
/// Changes are applied here, in arrival order, before the analysis hears of them.
/// </summary>
internal sealed class OpenDocuments
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OpenDocument> _open = new(StringComparer.Ordinal);

    public OpenDocument? Get(string fullPath)
    {
        lock (_gate) return _open.GetValueOrDefault(fullPath);
    }

    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_gate) return [.. _open.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public void Open(string fullPath, string text, int version)
    {
        lock (_gate) _open[fullPath] = new OpenDocument(fullPath, SourceText.From(text), version);
    }

    public bool Close(string fullPath)
    {
        lock (_gate) return _open.Remove(fullPath);
    }

    /// <summary>Applies LSP content changes in order (a change without a range replaces everything).</summary>
    public OpenDocument Change(string fullPath, int? version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        lock (_gate)
        {
            var document = _open.GetValueOrDefault(fullPath)
                ?? throw new UserError($"didChange for '{fullPath}', which is not open (send didOpen first)");
            var text = document.Text;
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                var newText = change.Text ?? throw new UserError($"didChange for '{fullPath}': contentChanges[{i}].text is missing");
                if (change.Range is null)
                {
                    text = SourceText.From(newText);
                    continue;
                }

                var start = Offset(text, change.Range.Start, fullPath, i, "start");
                var end = Offset(text, change.Range.End, fullPath, i, "end");
                if (end < start) throw new UserError($"didChange for '{fullPath}': contentChanges[{i}].range ends before it starts");
                text = text.WithChanges(new TextChange(TextSpan.FromBounds(start, end), newText));
            }

            var updated = new OpenDocument(fullPath, text, version ?? document.Version + 1);
            _open[fullPath] = updated;
            return updated;
        }
    }

    /// <summary>LSP position (0-based line, UTF-16 character) to an offset; a character past the line end means the line end, as LSP says.</summary>
    private static int Offset(SourceText text, Position? position, string fullPath, int index, string which)
    {
        if (position is null) throw new UserError($"didChange for '{fullPath}': contentChanges[{index}].range.{which} is missing");
        if (position.Line < 0 || position.Character < 0)
            throw new UserError($"didChange for '{fullPath}': contentChanges[{index}].range.{which} has a negative line or character");
        if (position.Line >= text.Lines.Count) return text.Length;
        var line = text.Lines[position.Line];
        return line.Start + Math.Min(position.Character, line.End - line.Start);
    }
}
