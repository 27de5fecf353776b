using System.Buffers.Binary;
using CodeContext.VisionEncoder;
using SkiaSharp;

namespace CodeContext.VisionEncoder.Tests;

/// <summary>The committed tiny models, pages and references, loaded once per test class.</summary>
public sealed class TinyModels : IDisposable
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string ModelPath(int size) => Path.Combine(Folder, $"deepencoder-tiny-{size}-fp32.onnx");

    public EncoderModels Models { get; } = EncoderModels.Load([Folder], ProviderChoice.Cpu);

    public static PageImage Page(string name) => PageImage.Load(Path.Combine(Folder, name));

    /// <summary>A reference output: [tokens, 1280] float16 LE written by export_encoder.py.</summary>
    public static float[] Reference(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, name));
        var values = new float[bytes.Length / 2];
        for (var i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2));
        return values;
    }

    /// <summary>An encoded PNG of the given bitmap, as a page.</summary>
    public static PageImage Png(string name, SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return PageImage.FromBytes(name, data.ToArray());
    }

    /// <summary>A page made of the committed 640 page repeated columns x rows times.</summary>
    public static PageImage Tiled640(int columns, int rows)
    {
        using var tile = Page("page-640.png").Decode();
        using var bitmap = new SKBitmap(new SKImageInfo(640 * columns, 640 * rows, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            for (var y = 0; y < rows; y++)
                for (var x = 0; x < columns; x++)
                    canvas.DrawBitmap(tile, x * 640, y * 640);
        }
        return Png($"tiled-{columns}x{rows}.png", bitmap);
    }

    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        double diff = 0, norm = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var d = (double)actual[i] - expected[i];
            diff += d * d;
            norm += (double)expected[i] * expected[i];
        }
        return Math.Sqrt(diff / norm);
    }

    public void Dispose() => Models.Dispose();
}
