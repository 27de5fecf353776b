using CodeContext.Rendering.Fonts;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Themes;
using SkiaSharp;

namespace CodeContext.Rendering.Layout;

/// <summary>A render request resolved to pixels: page, font metrics, grid and colours.</summary>
public sealed class LayoutSettings
{
    private LayoutSettings(RenderRequest request)
    {
        Profile = request.Profile;
        LevelName = request.Level.ToUpperInvariant();
        Level = ProfileCatalog.GetLevel(Profile, request.Level);
        Width = Profile.Page.Width;
        Height = Profile.Page.Height;
        FontId = request.Font ?? Level.Font;
        FontSize = request.FontSize ?? Level.FontSize;
        LineHeight = request.FontSize is { } size ? size * (Level.LineHeight / Level.FontSize) : Level.LineHeight;
        Gutter = request.Gutter;
        Columns = request.Columns is > 0 or null ? request.Columns : throw new ArgumentOutOfRangeException(nameof(request), "columns must be positive");
        Theme = ThemeCatalog.Get(request.Theme ?? (Profile.Color ? "light" : "gray"));
        Grayscale = !Profile.Color;
        Typeface = FontCatalog.Get(FontId);
        Glyphs = GlyphResolver.For(Typeface, FontCatalog.Get(FontCatalog.FallbackId));

        using var font = CreateFont(Typeface);
        CellWidth = font.GetGlyphWidths(font.GetGlyphs("M"))[0];
        Margin = Math.Max(2, (int)Math.Round(CellWidth));
        ColumnGap = (int)Math.Ceiling(CellWidth * 2);
        RowsPerColumn = Math.Max(2, (int)Math.Floor((Height - 2 * Margin) / LineHeight));
    }

    public ModelProfile Profile { get; }
    public string LevelName { get; }
    public DensityLevel Level { get; }
    public int Width { get; }
    public int Height { get; }
    public string FontId { get; }
    public float FontSize { get; }
    public float LineHeight { get; }
    public bool Gutter { get; }
    public int? Columns { get; }
    public Theme Theme { get; }
    public bool Grayscale { get; }
    public SKTypeface Typeface { get; }
    internal GlyphResolver Glyphs { get; }

    /// <summary>Advance of one monospace cell in pixels (fractional; glyphs are placed on this grid).</summary>
    public float CellWidth { get; }
    public int Margin { get; }
    public int ColumnGap { get; }
    public int RowsPerColumn { get; }

    public static LayoutSettings Resolve(RenderRequest request) => new(request);

    /// <summary>
    /// Fonts are configured explicitly (no system defaults) so pages are byte-identical everywhere:
    /// greyscale antialiasing, slight hinting, subpixel positioning on the fractional cell grid.
    /// </summary>
    internal SKFont CreateFont(SKTypeface typeface) => new(typeface, FontSize)
    {
        Edging = SKFontEdging.Antialias,
        Hinting = SKFontHinting.Slight,
        Subpixel = true,
        LinearMetrics = true,
        ForceAutoHinting = false,
        EmbeddedBitmaps = false,
    };
}
