using System.Collections.Concurrent;
using SkiaSharp;

namespace CodeContext.Rendering.Raster;

/// <summary>A glyph's coverage at one subpixel phase, trimmed to its inked box; offsets are from the pen position.</summary>
internal sealed record GlyphMask(int Left, int Top, int Width, int Height, byte[] Alpha);

/// <summary>
/// Coverage masks rasterised once per (face, glyph, quarter-pixel phase) by Skia with the page's
/// font settings, then composited by <see cref="GlyphBlitter"/>: drawing ten thousand small
/// glyphs through Skia one by one cost most of a page's time.
/// </summary>
internal sealed class GlyphMaskCache
{
    public const int Phases = 4;

    private static readonly ConcurrentDictionary<(SKTypeface, float, SKFontHinting, bool, bool, bool), GlyphMaskCache> Shared = new();

    private readonly SKFont[] _fonts;
    private readonly int _padLeft;
    private readonly int _ascent;
    private readonly int _boxWidth;
    private readonly int _boxHeight;
    private readonly ConcurrentDictionary<(int Face, ushort Glyph, int Phase), GlyphMask> _masks = new();
    private readonly Lock _rasterLock = new();

    // Lock-free front for the common glyphs (ids below 4096 of either face); misses fall through.
    private const int FastGlyphs = 4096;
    private readonly GlyphMask?[] _fast = new GlyphMask?[2 * FastGlyphs * Phases];

    private GlyphMaskCache(SKFont[] fonts, float cellWidth)
    {
        _fonts = fonts;
        Subpixel = fonts[0].Subpixel;
        var metrics = fonts[0].Metrics;
        _padLeft = (int)Math.Ceiling(cellWidth) + 2;
        _ascent = (int)Math.Ceiling(-metrics.Ascent * 1.5f) + 2;
        _boxWidth = _padLeft + (int)Math.Ceiling(cellWidth * 3) + 4;
        _boxHeight = _ascent + (int)Math.Ceiling(metrics.Descent * 1.5f + fonts[0].Size * 0.5f) + 4;
    }

    /// <summary>False: glyphs snap to whole pixels (phase 0 only).</summary>
    public bool Subpixel { get; }

    public static GlyphMaskCache For(Layout.LayoutSettings settings) =>
        Shared.GetOrAdd(
            (settings.Typeface, settings.FontSize, settings.Hinting, settings.Level.Antialias, settings.Level.Subpixel, settings.Level.Embolden),
            _ => new GlyphMaskCache([.. settings.Glyphs.Faces.Select(settings.CreateFont)], settings.CellWidth));

    public GlyphMask Get(int face, ushort glyph, int phase)
    {
        if (glyph >= FastGlyphs || face > 1)
        {
            return _masks.GetOrAdd((face, glyph, phase), Rasterize);
        }

        var slot = ((face * FastGlyphs) + glyph) * Phases + phase;
        return Volatile.Read(ref _fast[slot]) ?? (_fast[slot] = _masks.GetOrAdd((face, glyph, phase), Rasterize));
    }

    private GlyphMask Rasterize((int Face, ushort Glyph, int Phase) key)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(_boxWidth, _boxHeight, SKColorType.Alpha8, SKAlphaType.Premul));
        lock (_rasterLock)
        {
            using var canvas = new SKCanvas(bitmap);
            canvas.Clear(SKColors.Transparent);
            using var builder = new SKTextBlobBuilder();
            builder.AddPositionedRun([key.Glyph], _fonts[key.Face], [new SKPoint(_padLeft + key.Phase / (float)Phases, _ascent)]);
            using var blob = builder.Build();
            using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
            canvas.DrawText(blob, 0, 0, paint);
        }

        var pixels = bitmap.GetPixelSpan();
        int minX = _boxWidth, minY = _boxHeight, maxX = -1, maxY = -1;
        for (var y = 0; y < _boxHeight; y++)
        {
            for (var x = 0; x < _boxWidth; x++)
            {
                if (pixels[y * bitmap.RowBytes + x] != 0)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }

        if (maxX < 0)
        {
            return new GlyphMask(0, 0, 0, 0, []);
        }

        var width = maxX - minX + 1;
        var height = maxY - minY + 1;
        var alpha = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            pixels.Slice((minY + y) * bitmap.RowBytes + minX, width).CopyTo(alpha.AsSpan(y * width));
        }

        return new GlyphMask(minX - _padLeft, minY - _ascent, width, height, alpha);
    }
}
