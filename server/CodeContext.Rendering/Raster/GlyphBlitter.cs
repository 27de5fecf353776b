using SkiaSharp;

namespace CodeContext.Rendering.Raster;

/// <summary>
/// A page's pixels read from the bitmap once: every SKBitmap property is a native call, and asking
/// them per glyph (ten thousand a page) made them the blitter's hottest frames.
/// </summary>
internal readonly ref struct PagePixels(SKBitmap bitmap)
{
    public Span<byte> Pixels { get; } = bitmap.GetPixelSpan();
    public int RowBytes { get; } = bitmap.RowBytes;
    public int Width { get; } = bitmap.Width;
    public int Height { get; } = bitmap.Height;
    public bool Gray { get; } = bitmap.ColorType == SKColorType.Gray8;
}

/// <summary>Composites cached glyph masks into a Gray8 or RGBA page: dst = dst + (ink - dst) * coverage.</summary>
internal static class GlyphBlitter
{
    public static void Blit(in PagePixels page, GlyphMaskCache masks, int face, SKColor color, ushort glyph, float x, float baseline)
    {
        if (!masks.Subpixel)
        {
            x = MathF.Round(x);
        }

        var ix = (int)Math.Floor(x);
        var phase = (int)Math.Round((x - ix) * GlyphMaskCache.Phases);
        if (phase == GlyphMaskCache.Phases)
        {
            ix++;
            phase = 0;
        }

        var mask = masks.Get(face, glyph, phase);
        if (mask.Width == 0)
        {
            return;
        }

        var left = ix + mask.Left;
        var top = (int)Math.Round(baseline) + mask.Top;
        var pixels = page.Pixels;
        var rowBytes = page.RowBytes;
        var gray = page.Gray;
        // Themes use neutral greys on grayscale pages, so red stands for the luminance there.
        var luma = (int)Math.Round(0.2126 * color.Red + 0.7152 * color.Green + 0.0722 * color.Blue);
        // Clip the mask to the page once, then walk rows as spans.
        var x0 = Math.Max(0, -left);
        var x1 = Math.Min(mask.Width, page.Width - left);
        var y0 = Math.Max(0, -top);
        var y1 = Math.Min(mask.Height, page.Height - top);
        var alpha = mask.Alpha.AsSpan();
        for (var my = y0; my < y1; my++)
        {
            var coverage = alpha.Slice(my * mask.Width + x0, x1 - x0);
            if (gray)
            {
                var row = pixels.Slice((top + my) * rowBytes + left + x0, coverage.Length);
                for (var i = 0; i < coverage.Length; i++)
                {
                    var a = coverage[i];
                    if (a != 0)
                    {
                        row[i] = Lerp(row[i], luma, a);
                    }
                }
            }
            else
            {
                var row = pixels.Slice((top + my) * rowBytes + (left + x0) * 4, coverage.Length * 4);
                for (var i = 0; i < coverage.Length; i++)
                {
                    var a = coverage[i];
                    if (a != 0)
                    {
                        row[i * 4] = Lerp(row[i * 4], color.Red, a);
                        row[i * 4 + 1] = Lerp(row[i * 4 + 1], color.Green, a);
                        row[i * 4 + 2] = Lerp(row[i * 4 + 2], color.Blue, a);
                    }
                }
            }
        }
    }

    private static byte Lerp(int dst, int ink, int alpha) => (byte)((dst * (255 - alpha) + ink * alpha + 127) / 255);
}
