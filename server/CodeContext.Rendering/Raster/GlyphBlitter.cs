using SkiaSharp;

namespace CodeContext.Rendering.Raster;

/// <summary>Composites cached glyph masks into a Gray8 or RGBA page: dst = dst + (ink - dst) * coverage.</summary>
internal static class GlyphBlitter
{
    public static void Blit(SKBitmap bitmap, GlyphMaskCache masks, int face, SKColor color, ushort glyph, float x, float baseline)
    {
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
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var gray = bitmap.ColorType == SKColorType.Gray8;
        // Themes use neutral greys on grayscale pages, so red stands for the luminance there.
        var luma = (int)Math.Round(0.2126 * color.Red + 0.7152 * color.Green + 0.0722 * color.Blue);
        for (var my = 0; my < mask.Height; my++)
        {
            var py = top + my;
            if ((uint)py >= (uint)bitmap.Height)
            {
                continue;
            }

            for (var mx = 0; mx < mask.Width; mx++)
            {
                var a = mask.Alpha[my * mask.Width + mx];
                var px = left + mx;
                if (a == 0 || (uint)px >= (uint)bitmap.Width)
                {
                    continue;
                }

                if (gray)
                {
                    ref var d = ref pixels[py * rowBytes + px];
                    d = Lerp(d, luma, a);
                }
                else
                {
                    var o = py * rowBytes + px * 4;
                    pixels[o] = Lerp(pixels[o], color.Red, a);
                    pixels[o + 1] = Lerp(pixels[o + 1], color.Green, a);
                    pixels[o + 2] = Lerp(pixels[o + 2], color.Blue, a);
                }
            }
        }
    }

    private static byte Lerp(int dst, int ink, int alpha) => (byte)((dst * (255 - alpha) + ink * alpha + 127) / 255);
}
