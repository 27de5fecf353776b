using SkiaSharp;

namespace CodeContext.VisionEncoder;

/// <summary>A page turned into the encoder's inputs: the global view and, for Gundam, its tiles
/// (row-major), each as [3, size, size] float32 normalised with mean 0.5 / std 0.5.</summary>
public sealed record PreparedPage(DeepSeekOcrMode Mode, TileGrid Grid, float[] GlobalView, IReadOnlyList<float[]> Tiles)
{
    /// <summary>The vision-token cost of this page: what the encoder's output length must equal.</summary>
    public int ExpectedTokens => VisionTokenFormula.Total(Mode, Grid);
}

/// <summary>
/// DeepSeek-OCR's pre-processing of one page: RGB; the global view padded to a square with grey 127
/// (aspect kept) where the mode pads, else stretched; Gundam tiles cut from the page stretched to the
/// chosen grid. A page already at the mode's size is used as is, with no resampling. Resampling uses
/// Catmull-Rom cubic (PIL's bicubic kernel); Skia does not widen the kernel when shrinking as PIL
/// does, so pages rendered at the mode's native size are the exact path.
/// </summary>
public static class PagePreprocessor
{
    private const byte PadGrey = 127;
    private static readonly SKSamplingOptions Cubic = new(SKCubicResampler.CatmullRom);

    public static PreparedPage Prepare(PageImage page, DeepSeekOcrMode mode)
    {
        using var bitmap = page.Decode();
        return Prepare(bitmap, mode);
    }

    public static PreparedPage Prepare(SKBitmap page, DeepSeekOcrMode mode)
    {
        var grid = GundamTiling.Choose(mode, page.Width, page.Height);
        var global = mode.Pad ? Padded(page, mode.ImageSize) : Stretched(page, mode.ImageSize, mode.ImageSize);
        var tiles = new List<float[]>(grid.Count);
        if (grid.Count > 0)
        {
            var tile = mode.TileSize;
            using var stretched = ResizedBitmap(page, tile * grid.Columns, tile * grid.Rows);
            for (var row = 0; row < grid.Rows; row++)
                for (var column = 0; column < grid.Columns; column++)
                    tiles.Add(ToPixels(stretched, column * tile, row * tile, tile));
        }
        return new PreparedPage(mode, grid, global, tiles);
    }

    /// <summary>[3, size, size] from a size x size window of an RGBA bitmap at (left, top).</summary>
    internal static float[] ToPixels(SKBitmap bitmap, int left, int top, int size)
    {
        var plane = size * size;
        var result = new float[3 * plane];
        var pixels = bitmap.GetPixelSpan();
        var stride = bitmap.RowBytes;
        for (var y = 0; y < size; y++)
        {
            var row = (top + y) * stride + left * 4;
            for (var x = 0; x < size; x++)
            {
                var p = row + x * 4;
                var o = y * size + x;
                result[o] = Normalise(pixels[p]);
                result[plane + o] = Normalise(pixels[p + 1]);
                result[2 * plane + o] = Normalise(pixels[p + 2]);
            }
        }
        return result;
    }

    // The same float32 steps as the reference (x / 255 - 0.5) / 0.5, so equal pixels give equal inputs.
    private static float Normalise(byte value) => (value / 255f - 0.5f) / 0.5f;

    private static float[] Stretched(SKBitmap page, int width, int height)
    {
        if (page.Width == width && page.Height == height) return ToPixels(page, 0, 0, width);
        using var resized = ResizedBitmap(page, width, height);
        return ToPixels(resized, 0, 0, width);
    }

    private static float[] Padded(SKBitmap page, int size)
    {
        if (page.Width == size && page.Height == size) return ToPixels(page, 0, 0, size);
        // Fit the longer side, keep the aspect ratio, centre (the arithmetic of PIL's ImageOps.pad).
        int width, height;
        if ((double)page.Width / page.Height > 1.0)
        {
            width = size;
            height = (int)((double)page.Height / page.Width * size);
        }
        else
        {
            height = size;
            width = (int)((double)page.Width / page.Height * size);
        }
        using var canvasBitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(canvasBitmap))
        {
            canvas.Clear(new SKColor(PadGrey, PadGrey, PadGrey));
            using var image = SKImage.FromBitmap(page);
            var left = (int)((size - width) * 0.5);
            var top = (int)((size - height) * 0.5);
            canvas.DrawImage(image, SKRect.Create(left, top, width, height), Cubic);
        }
        return ToPixels(canvasBitmap, 0, 0, size);
    }

    private static SKBitmap ResizedBitmap(SKBitmap page, int width, int height)
    {
        if (page.Width == width && page.Height == height) return page.Copy();
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(target);
        using var image = SKImage.FromBitmap(page);
        canvas.DrawImage(image, SKRect.Create(0, 0, width, height), Cubic);
        return target;
    }
}
