using System.Text.Json;
using System.Text.Json.Serialization;
using CodeContext.Core;
using CodeContext.Rendering.Profiles;
using SkiaSharp;

namespace CodeContext.Rendering.Themes;

/// <summary>Colours of a rendered page (Themes/themes.json); kinds not listed use <see cref="Plain"/>.</summary>
public sealed record Theme
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required string Background { get; init; }
    public required string Plain { get; init; }
    public required string Gutter { get; init; }
    public required string Header { get; init; }
    public required string HeaderBackground { get; init; }
    public required string Continuation { get; init; }
    public required string MissingGlyph { get; init; }

    /// <summary>Background of wrapped rows where a level marks them by shade.</summary>
    public required string ContinuationShade { get; init; }
    public IReadOnlyDictionary<string, string> Kinds { get; init; } = new Dictionary<string, string>();

    /// <summary>The colours parsed once: the rasteriser asks for one per glyph.</summary>
    [JsonIgnore]
    public ThemePalette Palette => field ??= new ThemePalette(this);

    public SKColor ColorOf(CodeSpanKind kind) => Palette.Kinds[(int)kind];

    /// <summary>Kinds only a bound semantic model tells apart: what a name refers to.</summary>
    public static IReadOnlyList<CodeSpanKind> SemanticKinds { get; } =
    [
        CodeSpanKind.TypeName, CodeSpanKind.InterfaceName, CodeSpanKind.MethodName, CodeSpanKind.PropertyName,
        CodeSpanKind.FieldName, CodeSpanKind.LocalName, CodeSpanKind.ParameterName, CodeSpanKind.NamespaceName,
    ];

    /// <summary>
    /// Kinds the syntactic classifier places on exactly the characters Roslyn's classifier does
    /// (bench/classify holds it to that on a whole library). Keywords, operators and the like it
    /// matches only nearly: a name the language reads as a keyword only once bound ('var' that is a
    /// type, 'nameof' that is a method) would change pixels.
    /// </summary>
    public static IReadOnlyList<CodeSpanKind> ExactSyntacticKinds { get; } = [CodeSpanKind.Comment, CodeSpanKind.DocComment, CodeSpanKind.StringLiteral];

    /// <summary>Whether any semantic kind has a colour of its own (not the plain one).</summary>
    [JsonIgnore]
    public bool TellsSemanticKindsApart => SemanticKinds.Any(Colours);

    /// <summary>
    /// Whether pages need spans from a semantic model to get their pixels right: true when the
    /// theme colours any kind beyond those the syntactic classifier places exactly. A theme that
    /// colours only comments and strings (gray) draws the same pixels from syntactic spans.
    /// </summary>
    [JsonIgnore]
    public bool NeedsSemanticSpans => Enum.GetValues<CodeSpanKind>().Any(k => k != CodeSpanKind.Plain && !ExactSyntacticKinds.Contains(k) && Colours(k));

    private bool Colours(CodeSpanKind kind) => ColorOf(kind) != Palette.Plain;
}

/// <summary>A theme's colours as Skia values, span kinds indexed by their enum value.</summary>
public sealed class ThemePalette
{
    internal ThemePalette(Theme theme)
    {
        Background = SKColor.Parse(theme.Background);
        Plain = SKColor.Parse(theme.Plain);
        Gutter = SKColor.Parse(theme.Gutter);
        Header = SKColor.Parse(theme.Header);
        HeaderBackground = SKColor.Parse(theme.HeaderBackground);
        Continuation = SKColor.Parse(theme.Continuation);
        MissingGlyph = SKColor.Parse(theme.MissingGlyph);
        ContinuationShade = SKColor.Parse(theme.ContinuationShade);
        Kinds = [.. Enum.GetValues<CodeSpanKind>().Select(k => theme.Kinds.TryGetValue(k.ToString(), out var hex) ? SKColor.Parse(hex) : Plain)];
    }

    public SKColor Background { get; }
    public SKColor Plain { get; }
    public SKColor Gutter { get; }
    public SKColor Header { get; }
    public SKColor HeaderBackground { get; }
    public SKColor Continuation { get; }
    public SKColor MissingGlyph { get; }
    public SKColor ContinuationShade { get; }
    public IReadOnlyList<SKColor> Kinds { get; }
}

/// <summary>The bundled themes.</summary>
public static class ThemeCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, Theme>> Table = new(Load);

    public static IEnumerable<string> Ids => Table.Value.Keys;

    /// <summary>The theme pages for <paramref name="profile"/> are drawn in: <paramref name="id"/>, or by default "light" for colour profiles and "gray" otherwise.</summary>
    public static Theme For(ModelProfile profile, string? id) => Get(id ?? (profile.Color ? "light" : "gray"));

    public static Theme Get(string id) =>
        Table.Value.TryGetValue(id, out var theme)
            ? theme
            : throw new UserError($"unknown theme '{id}' (known: {string.Join(", ", Table.Value.Keys)})");

    private static IReadOnlyDictionary<string, Theme> Load()
    {
        using var stream = typeof(ThemeCatalog).Assembly.GetManifestResourceStream("CodeContext.Rendering.Themes.themes.json")
            ?? throw new InvalidOperationException("themes.json is not embedded");
        var themes = JsonSerializer.Deserialize<List<Theme>>(stream, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })
            ?? throw new InvalidOperationException("themes.json is empty");
        return themes.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }
}
