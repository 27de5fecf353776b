using CodeContext.Core;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Raster;
using SkiaSharp;

namespace CodeContext.Rendering.Tests;

/// <summary>Our PNG writer against an independent decoder (Skia's libpng): every pixel must come back exactly.</summary>
public sealed class PngEncoderTests
{
    [Theory]
    [InlineData("deepseek-ocr-base", "L2")] // Gray8
    [InlineData("deepseek-ocr-gundam", "L1")] // Gray8, 1920x1920
    [InlineData("qwen2.5-vl", "L2")] // RGB
    [InlineData("gpt-4o", "L1")] // RGB, 512x2048
    public void DecodedPagesMatchTheRenderedPixelsExactly(string profile, string level)
    {
        var text = RenderTestInputs.OrderService + "\n// 处 " + new string('x', 300);
        // Semantic colours, a shaded wrapped row, a missing glyph box and a header bar: every kind of pixel a page has.
        var fragment = new SourceFragment("Shop/O.cs", 1, text.Split('\n').Length, text, [new CodeSpan(0, 5, CodeSpanKind.Keyword), new CodeSpan(40, 20, CodeSpanKind.Comment)]);
        var layout = PageRenderer.Measure([fragment], RenderTestInputs.Request(profile, level));
        foreach (var page in layout.Pages)
        {
            using var rendered = PageRasterizer.RenderBitmap(layout, page);
            var png = PageRenderer.RenderPage(layout, page).Png;
            using var decoded = SKBitmap.Decode(png);
            Assert.NotNull(decoded);
            Assert.Equal((rendered.Width, rendered.Height), (decoded.Width, decoded.Height));
            using var comparable = decoded.Copy(rendered.ColorType);
            var expected = rendered.GetPixelSpan();
            var actual = comparable.GetPixelSpan();
            var differ = expected.CommonPrefixLength(actual);
            Assert.True(differ == expected.Length && actual.Length == expected.Length, $"page {page.Number}: first differing byte at {differ} of {expected.Length}");
        }
    }

    [Fact]
    public void Chunks_carry_valid_CRCs_and_one_deflate_stream()
    {
        var page = PageRenderer.Render([RenderTestInputs.Whole("O.cs", RenderTestInputs.OrderService)], RenderTestInputs.Request()).Single();
        var png = page.Png;
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var types = new List<string>();
        for (var at = 8; at < png.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var typeAndData = png.AsSpan(at + 4, length + 4);
            var crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(typeAndData), crc);
            types.Add(System.Text.Encoding.ASCII.GetString(typeAndData[..4]));
            at += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
    }

    /// <summary>Noise is deflate's worst case (nothing repeats): the output must still fit and decode.</summary>
    [Theory]
    [InlineData(SKColorType.Gray8)]
    [InlineData(SKColorType.Rgba8888)]
    public void Incompressible_pixels_still_encode_exactly(SKColorType colorType)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(300, 200, colorType, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        new Random(7).NextBytes(pixels);
        if (colorType == SKColorType.Rgba8888)
        {
            for (var i = 3; i < pixels.Length; i += 4)
            {
                pixels[i] = 255;
            }
        }

        using var decoded = SKBitmap.Decode(PageRasterizer.Encode(bitmap));
        using var comparable = decoded.Copy(colorType);
        Assert.True(bitmap.GetPixelSpan().SequenceEqual(comparable.GetPixelSpan()));
    }
}
