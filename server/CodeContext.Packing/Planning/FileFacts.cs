using System.Text.Json;
using CodeContext.Analyzers.Outline;
using CodeContext.Core;
using CodeContext.Packing.Secrets;
using CodeContext.Rendering.Tokenizers;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Packing.Planning;

/// <summary>Where a secret was masked: a character range of the file and the rule that found it.</summary>
public sealed record SecretHit(int Start, int Length, string Rule, int Line);

/// <summary>One slice's priced forms.</summary>
/// <param name="Terms">The slice's distinct type-like identifiers, matched against the active file's on every compose.</param>
public sealed record SliceFacts(int Start, int End, int TextTokens, string? Outline, int OutlineTokens, int SourceTokens, IReadOnlyList<string> Terms);

/// <summary>
/// What pricing a file needs that depends only on its content: where secrets are, how it is sliced,
/// outlines and exact token counts. Parsing, outlining, secret scanning and tokenizing dominate the
/// price of a large codebase, so facts are cached by content hash (and tokenizer and settings).
/// </summary>
public sealed record FileFacts(IReadOnlyList<SecretHit> Secrets, IReadOnlyList<SliceFacts> Slices, string Description, int ListedTokens)
{
    // Bump when what is computed here changes.
    private const string Version = "facts-2";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static FileFacts Get(string path, string source, ITextTokenizer tokenizer, PlannerSettings settings, CacheDirectory? cache, CancellationToken ct)
    {
        if (cache is null)
        {
            return Compute(path, source, tokenizer, settings, ct);
        }

        var key = ContentHash.Combine(Version, tokenizer.Id, settings.SliceAboveTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), settings.SliceLines.ToString(System.Globalization.CultureInfo.InvariantCulture), path, ContentHash.Of(source));
        var file = Path.Combine(cache.Root, "facts", key[..2], key + ".json");
        try
        {
            if (File.Exists(file) && JsonSerializer.Deserialize<FileFacts>(File.ReadAllText(file), Json) is { } cached)
            {
                CacheTrimmer.Touch(file);
                return cached;
            }
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // Unreadable entry: recompute and overwrite it.
        }

        var facts = Compute(path, source, tokenizer, settings, ct);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            AtomicFile.WriteAllText(file, JsonSerializer.Serialize(facts, Json));
        }
        catch (IOException)
        {
            // A cache that cannot be written only costs time on the next run.
        }

        return facts;
    }

    /// <summary>The source with every secret hit masked (same length, line breaks kept).</summary>
    public string Mask(string source) => SecretMasker.Apply(source, Secrets.Select(s => (s.Start, s.Length)));

    private static FileFacts Compute(string path, string source, ITextTokenizer tokenizer, PlannerSettings settings, CancellationToken ct)
    {
        var hits = SecretMasker.Find(source);
        var masked = SecretMasker.Apply(source, hits.Select(h => (h.Start, h.Length)));
        var tree = CSharpSyntaxTree.ParseText(masked, cancellationToken: ct);
        var text = tree.GetText(ct);
        var lineCount = CandidateBuilder.LineCount(text);
        var wholeTokens = tokenizer.CountTokens(masked);
        var ranges = wholeTokens > settings.SliceAboveTokens ? SliceFinder.Slices(tree, lineCount, settings.SliceLines, ct) : [(1, lineCount)];
        var slices = new List<SliceFacts>(ranges.Count);
        foreach (var (start, end) in ranges)
        {
            var whole = ranges.Count == 1;
            var piece = whole ? masked : CandidateBuilder.SliceOf(masked, text, start, end);
            var caption = whole ? path : $"{path} (lines {start}-{end})";
            var outline = OutlineBuilder.Build(whole ? tree : CSharpSyntaxTree.ParseText(piece, cancellationToken: ct), ct);
            var outlineSegment = outline.Length < piece.Length ? SegmentText.Code(SegmentText.OutlineCaption(path, start, end, whole), outline) : null;
            slices.Add(new SliceFacts(
                start,
                end,
                tokenizer.CountTokens(SegmentText.Code(caption, piece)),
                outlineSegment,
                outlineSegment is null ? 0 : tokenizer.CountTokens(outlineSegment),
                whole ? wholeTokens : tokenizer.CountTokens(piece),
                CandidateBuilder.TermsOf(piece).Order(StringComparer.Ordinal).ToList()));
        }

        var description = CandidateBuilder.Describe(tree, ct);
        return new FileFacts(hits, slices, description, tokenizer.CountTokens(SegmentText.Listed(path, description)));
    }
}
