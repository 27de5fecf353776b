using System.Collections.Concurrent;
using CodeContext.Core.Sources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// The gate's findings per file (secrets masked, invisible characters shown, files refused), kept
/// beside the snapshot: once text is masked nothing downstream could tell a secret was there, yet
/// the manifest must say so. Filled whenever a text passes the gate, by whichever reader.
/// </summary>
public sealed class SourceLedger
{
    private readonly ConcurrentDictionary<string, GatedText> _byPath = new(StringComparer.Ordinal);

    public SourceLedger(SourceGate gate) => Gate = gate;

    public SourceGate Gate { get; }

    /// <summary>What the gate found in a file's current text (by full path); empty when nothing, or not read yet.</summary>
    public GatedText FindingsFor(string fullPath) => _byPath.GetValueOrDefault(fullPath) ?? GatedText.Empty;

    /// <summary>A file's text through the gate, recorded; a refused file reads as empty text.</summary>
    public SourceText Read(string fullPath)
    {
        try
        {
            return Record(fullPath, Gate.Read(fullPath));
        }
        catch (SourceRefusedException e)
        {
            _byPath[fullPath] = GatedText.Empty with { Notices = [new SourceNotice("not read", 1, e.Reason)] };
            return SourceText.From("");
        }
    }

    /// <summary>Text from a client (an editor's unsaved buffer) for a file, through the gate, recorded.</summary>
    public SourceText Admit(string fullPath, string text) => Record(fullPath, SourceGate.Admit(text));

    private SourceText Record(string fullPath, GatedText gated)
    {
        _byPath[fullPath] = gated;
        return SourceText.From(gated.Text);
    }

    /// <summary>A document loader that reads through the gate (Roslyn's own would read any file, links and FIFOs included).</summary>
    public TextLoader LoaderFor(string fullPath) => new GatedTextLoader(this, fullPath);

    private sealed class GatedTextLoader(SourceLedger ledger, string fullPath) : TextLoader
    {
        public override Task<TextAndVersion> LoadTextAndVersionAsync(LoadTextOptions options, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = ledger.Read(fullPath);
            return Task.FromResult(TextAndVersion.Create(text, VersionStamp.Create(), fullPath));
        }
    }
}
