using System.Text.Json;
using CodeContext.Analyzers.Outline;
using CodeContext.Core;
using CodeContext.Rendering.Tokenizers;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Packing.Planning;

/// <summary>One slice's priced forms.</summary>
/// <param name="Terms">The slice's distinct type-like identifiers, matched against the active file's on every compose.</param>
public sealed record SliceFacts(int Start, int End, int TextTokens, string? Outline, int OutlineTokens, int SourceTokens, IReadOnlyList<string> Terms);

/// <summary>
/// What pricing a file needs that depends only on its (masked) content: how it is sliced,
/// outlines and exact token counts. Parsing, outlining and tokenizing dominate the price of a
/// large codebase, so facts are cached by content hash (and tokenizer and settings).
/// </summary>
public sealed record FileFacts(IReadOnlyList<SliceFacts> Slices, string Description, int ListedTokens)
{
    // Bump when what is computed here changes.
    private const string Version = "facts-3";

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

    private static FileFacts Compute(string path, string masked, ITextTokenizer tokenizer, PlannerSettings settings, CancellationToken ct)
    {
        var tree = CSharpSyntaxTree.ParseText(masked, cancellationToken: ct);
        var text = tree.GetText(ct);
        var lineCount = CandidateBuilder.LineCount(text);
        var (wholeTokens, wholeFenced) = FencedTokenCount.Count(tokenizer, path, masked);
        var ranges = wholeTokens > settings.SliceAboveTokens ? SliceFinder.Slices(tree, lineCount, settings.SliceLines, ct) : [(1, lineCount)];
        var slices = new List<SliceFacts>(ranges.Count);
        foreach (var (start, end) in ranges)
        {
            var whole = ranges.Count == 1;
            var piece = whole ? masked : CandidateBuilder.SliceOf(masked, text, start, end);
            var caption = whole ? path : $"{path} (lines {start}-{end})";
            var outline = OutlineBuilder.Build(whole ? tree : CSharpSyntaxTree.ParseText(piece, cancellationToken: ct), ct);
            var outlineSegment = outline.Length < piece.Length ? SegmentText.Code(SegmentText.OutlineCaption(path, start, end, whole), outline) : null;
            var (bare, fenced) = whole ? (wholeTokens, wholeFenced) : FencedTokenCount.Count(tokenizer, caption, piece);
            slices.Add(new SliceFacts(
                start,
                end,
                fenced,
                outlineSegment,
                outlineSegment is null ? 0 : tokenizer.CountTokens(outlineSegment),
                bare,
                CandidateBuilder.TermsOf(piece).Order(StringComparer.Ordinal).ToList()));
        }

        var description = CandidateBuilder.Describe(tree, ct);
        return new FileFacts(slices, description, tokenizer.CountTokens(SegmentText.Listed(path, description)));
    }
}
