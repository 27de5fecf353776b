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
        Level = request.LevelSettings ?? ProfileCatalog.GetLevel(Profile, request.Level);
        Width = Profile.Page.Width;
        Height = Profile.Page.Height;
        FontId = request.Font ?? Level.Font;
        FontSize = request.FontSize ?? Level.FontSize;
        LineHeight = request.FontSize is { } size ? size * (Level.LineHeight / Level.FontSize) : Level.LineHeight;
        EmptyLineHeight = Level.EmptyLineScale is > 0 and <= 1 ? LineHeight * (float)Level.EmptyLineScale : throw new ArgumentOutOfRangeException(nameof(request), "emptyLineScale must be in (0, 1]");
        Gutter = request.Gutter && Level.Gutter;
        IndentScale = Level.IndentScale is > 0 and <= 1 ? (float)Level.IndentScale : throw new ArgumentOutOfRangeException(nameof(request), "indentScale must be in (0, 1]");
        Hinting = Level.Hinting switch
        {
            "none" => SKFontHinting.None,
            "slight" => SKFontHinting.Slight,
            "normal" => SKFontHinting.Normal,
            "full" => SKFontHinting.Full,
            _ => throw new ArgumentOutOfRangeException(nameof(request), $"hinting '{Level.Hinting}' is not none, slight, normal or full"),
        };
        Columns = request.Columns is > 0 or null ? request.Columns : throw new ArgumentOutOfRangeException(nameof(request), "columns must be positive");
        Theme = ThemeCatalog.For(Profile, request.Theme);
        Grayscale = !Profile.Color;
        Typeface = FontCatalog.Get(FontId);
        Glyphs = GlyphResolver.For(Typeface, FontCatalog.Get(FontCatalog.FallbackId));

        using var font = CreateFont(Typeface);
        var advance = font.GetGlyphWidths(font.GetGlyphs("M"))[0];
        CellWidth = Level.WholePixelCells ? Math.Max(1, MathF.Round(advance)) : advance;
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

    /// <summary>Height of an empty (or whitespace-only) source line.</summary>
    public float EmptyLineHeight { get; }
    public bool Gutter { get; }

    /// <summary>Width of a leading indentation space in cells (1: a full cell).</summary>
    public float IndentScale { get; }

    internal SKFontHinting Hinting { get; }
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
    /// Fonts are configured explicitly from the level (no system defaults) so pages are
    /// byte-identical everywhere: edging, hinting, subpixel positioning and emboldening are data.
    /// </summary>
    internal SKFont CreateFont(SKTypeface typeface) => new(typeface, FontSize)
    {
        Edging = Level.Antialias ? SKFontEdging.Antialias : SKFontEdging.Alias,
        Hinting = Hinting,
        Subpixel = Level.Subpixel,
        LinearMetrics = true,
        ForceAutoHinting = false,
        EmbeddedBitmaps = false,
        Embolden = Level.Embolden,
    };

    /// <summary>Horizontal offset, in cells, of cell <paramref name="index"/> of a line whose first <paramref name="indent"/> cells are indentation.</summary>
    internal float CellOffset(int index, int indent) =>
        index <= indent ? index * IndentScale : indent * IndentScale + (index - indent);
}
