using System.Text.Json;
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
    public IReadOnlyDictionary<string, string> Kinds { get; init; } = new Dictionary<string, string>();

    public SKColor ColorOf(CodeSpanKind kind) =>
        Kinds.TryGetValue(kind.ToString(), out var hex) ? SKColor.Parse(hex) : SKColor.Parse(Plain);
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
