using System.Text.Json;
using System.Text.Json.Serialization;
using CodeContext.Core;
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
