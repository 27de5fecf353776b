using System.Text.Json;
using CodeContext.Analyzers.Outline;
using CodeContext.Core;
using CodeContext.Core.Caching;
using CodeContext.Rendering.Tokenizers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Packing.Planning;

/// <summary>One slice's priced forms.</summary>
/// <param name="Terms">The slice's distinct type-like identifiers, matched against the active file's on every compose.</param>
/// <param name="OutlineShare">Share of the slice's code names (identifier tokens, comments aside) its outline keeps: the outline's fidelity.</param>
public sealed record SliceFacts(int Start, int End, int TextTokens, string? Outline, int OutlineTokens, int SourceTokens, IReadOnlyList<string> Terms, double OutlineShare);

/// <summary>
/// What pricing a file needs that depends only on its (masked) content: how it is sliced,
/// outlines and exact token counts. Parsing, outlining and tokenizing dominate the price of a
/// large codebase, so facts are cached by content hash (and tokenizer and settings).
/// </summary>
/// <param name="DirectiveLines">Lines (1-based) that hold only a <c>using</c> directive or a <c>#region</c>, <c>#endregion</c>, <c>#pragma warning</c> or <c>#nullable</c> line, wherever they are: pages leave them out.</param>
public sealed record FileFacts(IReadOnlyList<SliceFacts> Slices, string Description, int ListedTokens, IReadOnlyList<int> DirectiveLines)
{
    // Bump when what is computed here changes.
    private const string Version = "facts-7";

    /// <summary>One file per content, tokenizer and settings, sharded: a codebase has thousands.</summary>
    public static readonly CacheArea Area = new("facts", CacheEntryShape.File, Sharded: true, Trimmed: true, ".json");

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <param name="parsed">The workspace's tree of this text if it has one: reused when it is the tree a parse with <see cref="PricingOptions"/> would give.</param>
    /// <param name="project">The project's parse options, whose language version pricing parses with (null: the default).</param>
    public static FileFacts Get(string path, string source, ITextTokenizer tokenizer, PlannerSettings settings, CacheDirectory? cache, CancellationToken ct, SyntaxTree? parsed = null, ParseOptions? project = null)
    {
        var options = PricingOptions(project);
        if (cache is null)
        {
            return Compute(path, source, tokenizer, settings, ct, parsed, options);
        }

        // The language version is in the key: the facts are those of a parse at that version
        // (a syntax-only project parses as Preview), whether the workspace's tree was reused or not.
        var key = ContentHash.Combine(Version, tokenizer.Id, settings.SliceAboveTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), settings.SliceLines.ToString(System.Globalization.CultureInfo.InvariantCulture), settings.OutlineDocumentation.ToString(), options.LanguageVersion.ToString(), path, ContentHash.Of(source));
        var store = new CacheStore(cache, Area);
        if (store.TryRead(key, bytes => JsonSerializer.Deserialize<FileFacts>(bytes, Json)) is { } cached) return cached;

        var facts = Compute(path, source, tokenizer, settings, ct, parsed, options);
        store.TryWrite(key, JsonSerializer.SerializeToUtf8Bytes(facts, Json)); // a cache that cannot be written only costs time on the next run
        return facts;
    }

    /// <summary>
    /// What pricing parses with: the default options at the project's effective language version.
    /// Preprocessor symbols are left out (a file with #if is parsed as if none were defined, the
    /// same for every project that holds it); the version is kept so that the workspace's tree
    /// can be reused, and it goes into the cache key.
    /// </summary>
    internal static CSharpParseOptions PricingOptions(ParseOptions? project) =>
        project is CSharpParseOptions { LanguageVersion: var version } && version != CSharpParseOptions.Default.LanguageVersion
            ? CSharpParseOptions.Default.WithLanguageVersion(version)
            : CSharpParseOptions.Default;

    private static FileFacts Compute(string path, string masked, ITextTokenizer tokenizer, PlannerSettings settings, CancellationToken ct, SyntaxTree? parsed, CSharpParseOptions options)
    {
        var tree = Reusable(parsed, masked, options, ct) ?? CSharpSyntaxTree.ParseText(masked, options, cancellationToken: ct);
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
            var pieceTree = whole ? tree : CSharpSyntaxTree.ParseText(piece, options, cancellationToken: ct);
            var outline = OutlineBuilder.Build(pieceTree, ct);
            var outlineShare = outline.Length < piece.Length ? OutlineShare(pieceTree, outline, options, ct) : 1;
            outline = WithoutBoilerplate(outline, settings.OutlineDocumentation);
            var outlineSegment = outline.Length < piece.Length ? SegmentText.Code(SegmentText.OutlineCaption(path, start, end, whole), outline) : null;
            var (bare, fenced) = whole ? (wholeTokens, wholeFenced) : FencedTokenCount.Count(tokenizer, caption, piece);
            slices.Add(new SliceFacts(
                start,
                end,
                fenced,
                outlineSegment,
                outlineSegment is null ? 0 : tokenizer.CountTokens(outlineSegment),
                bare,
                CandidateBuilder.TermsOf(piece).Order(StringComparer.Ordinal).ToList(),
                outlineShare));
        }

        var description = CandidateBuilder.Describe(tree, ct);
        return new FileFacts(slices, description, tokenizer.CountTokens(SegmentText.Listed(path, description)), DirectivesAlone(tree, ct));
    }

    /// <summary>
    /// An outline as the settings say: whole (<c>full</c>), or without its leading licence and
    /// usings and with its documentation folded. Its share of names is measured before (comments
    /// and usings are not what it is worth). Folded outlines cost about half as much on
    /// FluentValidation, whose outline fidelity is generous for its language files (a switch of
    /// strings has few names), and took their answers from L2 pages to outlines (legible share at
    /// 16k 0.900 -> 0.761), so planner.json keeps them whole until outline fidelity is measured
    /// against edits.
    /// </summary>
    private static string WithoutBoilerplate(string outline, DocumentationFold documentation)
    {
        if (documentation == DocumentationFold.Full)
        {
            return outline;
        }

        var (body, _) = LeadingBoilerplate.Without(outline, CandidateBuilder.LineCount(Microsoft.CodeAnalysis.Text.SourceText.From(outline)));
        return DocCommentFolding.Fold(body, 1, documentation).Text;
    }

    /// <summary>
    /// Lines that hold a <c>using</c> directive (in a namespace too) or a <c>#region</c>,
    /// <c>#endregion</c>, <c>#pragma warning</c> or <c>#nullable</c> directive and nothing else,
    /// found by the parser so that a line of a string literal that looks like one stays. Conditional
    /// directives (<c>#if</c>) stay: they say which code is compiled.
    /// </summary>
    private static List<int> DirectivesAlone(SyntaxTree tree, CancellationToken ct)
    {
        var root = tree.GetRoot(ct);
        var text = tree.GetText(ct);
        var spans = root.DescendantNodes(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax)
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.UsingDirectiveSyntax>().Select(u => u.Span)
            .Concat(root.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.RegionDirectiveTrivia) || t.IsKind(SyntaxKind.EndRegionDirectiveTrivia) || t.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia) || t.IsKind(SyntaxKind.NullableDirectiveTrivia)).Select(t => t.Span));
        var lines = new SortedSet<int>();
        foreach (var span in spans)
        {
            var line = text.Lines.GetLineFromPosition(span.Start);
            // Only a line the directive has to itself: one line, nothing else but whitespace on it.
            if (line.LineNumber == text.Lines.GetLineFromPosition(Math.Max(span.Start, span.End - 1)).LineNumber && text.ToString(line.Span).Trim() == text.ToString(span).Trim())
            {
                lines.Add(line.LineNumber + 1);
            }
        }

        return [.. lines];
    }

    /// <summary>
    /// How much of a slice an outline carries, as a reader of code counts it: the share of the
    /// slice's identifier tokens (every use of a name, comments aside) that the outline keeps. An
    /// interface or record keeps nearly all of them; a class of long method bodies keeps its
    /// signatures' names, often a fifth. A fixed outline fidelity (0.6) valued both alike and sent
    /// large implementation files to outlines where their text was what an edit needed.
    /// </summary>
    private static double OutlineShare(SyntaxTree piece, string outline, CSharpParseOptions options, CancellationToken ct)
    {
        var all = Identifiers(piece.GetRoot(ct));
        return all == 0 ? 1 : Math.Min(1, Identifiers(CSharpSyntaxTree.ParseText(outline, options, cancellationToken: ct).GetRoot(ct)) / (double)all);
    }

    private static int Identifiers(Microsoft.CodeAnalysis.SyntaxNode root) =>
        root.DescendantTokens().Count(t => t.RawKind == (int)SyntaxKind.IdentifierToken);

    /// <summary>The switch the load sets on every project (nullable flow analysis off): read by binding, never by the parser.</summary>
    private const string CompilationOnlyFeature = "run-nullable-analysis";

    /// <summary>
    /// The workspace's parse of this text when it is the tree a parse with the pricing options gives:
    /// the same effective language version, documentation mode and kind, no feature the parser reads, and
    /// no #if or #elif whose outcome the project's preprocessor symbols could change (every
    /// conditional region opens with one). Parsing each file a second time for its price was about
    /// a tenth of a cold pack of EF Core. Null: parse again.
    /// </summary>
    private static SyntaxTree? Reusable(SyntaxTree? parsed, string masked, CSharpParseOptions plain, CancellationToken ct)
    {
        if (parsed?.Options is not CSharpParseOptions options
            || options.LanguageVersion != plain.LanguageVersion || options.DocumentationMode != plain.DocumentationMode
            || options.Kind != plain.Kind || options.Features.Keys.Any(k => k != CompilationOnlyFeature)
            || !parsed.TryGetText(out var text) || text.Length != masked.Length || text.ToString() != masked)
        {
            return null;
        }

        var root = parsed.GetRoot(ct);
        var conditional = options.PreprocessorSymbolNames.Any() && root.ContainsDirectives
            && ((Microsoft.CodeAnalysis.CSharp.CSharpSyntaxNode)root).GetFirstDirective(d => d.IsKind(SyntaxKind.IfDirectiveTrivia) || d.IsKind(SyntaxKind.ElifDirectiveTrivia)) is not null;
        return conditional ? null : parsed;
    }
}
