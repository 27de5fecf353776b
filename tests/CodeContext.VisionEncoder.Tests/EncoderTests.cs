using SkiaSharp;

namespace CodeContext.VisionEncoder.Tests;

/// <summary>The tiny exported models on ONNX Runtime's CPU provider against PyTorch's outputs.</summary>
public sealed class EncoderTests(TinyModels tiny) : IClassFixture<TinyModels>
{
    // The references are stored as float16 (relative rounding ~5e-4); the model itself matches
    // PyTorch to ~1e-6 in float32 (see export-tiny.json), so 2e-3 leaves room only for storage.
    private const double Tolerance = 2e-3;

    [Theory]
    [InlineData("page-1024.png", "Base", "page-1024.base.f16")]
    [InlineData("page-640.png", "Small", "page-640.small.f16")]
    public void Tiny_model_matches_the_PyTorch_reference(string page, string mode, string reference)
    {
        var encoder = new PageEncoder(tiny.Models, cache: null);
        var result = encoder.Encode([TinyModels.Page(page)], DeepSeekOcrModes.Get(mode), batchSize: 1).Pages[0];
        var expected = TinyModels.Reference(reference);
        Assert.Equal(expected.Length, result.Values.Length);
        Assert.InRange(TinyModels.RelativeError(result.Values, expected), 0, Tolerance);
    }

    [Theory]
    [InlineData("Tiny", 1024, 1024)]
    [InlineData("Small", 1024, 1024)]
    [InlineData("Base", 700, 1024)]
    [InlineData("Large", 1024, 700)]
    [InlineData("Gundam", 1280, 1920)]
    [InlineData("Gundam", 1024, 1024)]
    [InlineData("Gundam", 640, 480)]
    public void OutputLengthEqualsTheFormulaInEveryMode(string modeName, int width, int height)
    {
        var mode = DeepSeekOcrModes.Get(modeName);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.DarkBlue };
            for (var y = 10; y < height; y += 37) canvas.DrawRect(12, y, width / 2f + y % 200, 9, paint);
        }
        var page = TinyModels.Png($"{width}x{height}.png", bitmap);
        var result = new PageEncoder(tiny.Models, cache: null).Encode([page], mode, batchSize: 4).Pages[0];
        Assert.Equal(VisionTokenFormula.ForPage(mode, width, height), result.Tokens);
        Assert.Equal(result.Tokens * 1280, result.Values.Length);
        Assert.All(result.Values, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Gundam_puts_tiles_first_as_one_grid_then_the_global_view()
    {
        // Four copies of the 640 page: every tile is exactly that page, so each tile's rows must be
        // the Small-mode PyTorch reference rows, placed side by side, with the newline after each row.
        var gundam = DeepSeekOcrModes.Get("Gundam");
        var page = TinyModels.Tiled640(2, 2);
        var result = new PageEncoder(tiny.Models, cache: null).Encode([page], gundam, batchSize: 3).Pages[0];
        var tileReference = TinyModels.Reference("page-640.small.f16"); // [111, 1280]: 10 x (10 + 1), separator
        const int d = 1280, q = 10, rowLength = 2 * q + 1;
        Assert.Equal(2 * q * rowLength + 273, result.Tokens);
        for (var gridRow = 0; gridRow < 2 * q; gridRow++)
        {
            for (var column = 0; column < 2 * q; column++)
            {
                var tileToken = (gridRow % q) * (q + 1) + column % q;
                var actual = result.Token(gridRow * rowLength + column);
                Assert.InRange(TinyModels.RelativeError(actual, tileReference.AsSpan(tileToken * d, d)), 0, Tolerance);
            }
            var newline = result.Token(gridRow * rowLength + 2 * q);
            Assert.InRange(TinyModels.RelativeError(newline, tileReference.AsSpan(q * d, d)), 0, Tolerance);
        }
        // The sequence ends with the view separator, the same vector every view model carries last.
        Assert.InRange(TinyModels.RelativeError(result.Token(result.Tokens - 1), tileReference.AsSpan(110 * d, d)), 0, Tolerance);
    }

    [Fact]
    public void Batching_does_not_change_the_output()
    {
        var pages = new[] { TinyModels.Page("page-1024.png"), TinyModels.Tiled640(2, 1), TinyModels.Page("page-640.png") };
        var mode = DeepSeekOcrModes.Get("Base");
        var one = new PageEncoder(tiny.Models, cache: null).Encode(pages, mode, batchSize: 1).Pages;
        var three = new PageEncoder(tiny.Models, cache: null).Encode(pages, mode, batchSize: 3).Pages;
        for (var i = 0; i < pages.Length; i++)
            Assert.InRange(TinyModels.RelativeError(three[i].Values, one[i].Values), 0, 1e-5);
    }

    [Fact]
    public void Fused_export_computes_the_reference_function()
    {
        // The GPU spelling (--attention fused): relative bias folded into one MultiHeadAttention node, BiasGelu,
        // convolutions as im2col + GEMM, zero padding by concatenation. Same weights (seed 0) as the plain
        // fixtures, so it must land on the same PyTorch reference.
        using var model = OnnxViewModel.Load(Path.Combine(TinyModels.Folder, "fused", "deepencoder-tiny-640-fp32-fused.onnx"), ProviderChoice.Cpu);
        var prepared = PagePreprocessor.Prepare(TinyModels.Page("page-640.png"), DeepSeekOcrModes.Get("Small"));
        var output = model.Run([prepared.GlobalView])[0];
        var expected = TinyModels.Reference("page-640.small.f16");
        Assert.Equal(expected.Length, output.Length);
        Assert.InRange(TinyModels.RelativeError(output, expected), 0, Tolerance);
    }

    [Fact]
    public void Fixed_batch_session_runs_that_batch()
    {
        using var dynamic = OnnxViewModel.Load(TinyModels.ModelPath(512), ProviderChoice.Cpu);
        using var fixedTwo = OnnxViewModel.Load(TinyModels.ModelPath(512), ProviderChoice.Cpu, new OnnxSessionSettings(FixedBatch: 2));
        Assert.Null(dynamic.FixedBatch);
        Assert.Equal(2, fixedTwo.FixedBatch);
        var page = PagePreprocessor.Prepare(TinyModels.Page("page-640.png"), DeepSeekOcrModes.Get("Tiny")).GlobalView;
        var expected = dynamic.Run([page, page]);
        var actual = fixedTwo.Run([page, page]);
        Assert.InRange(TinyModels.RelativeError(actual[1], expected[1]), 0, 1e-5);
    }

    [Fact]
    public void CPU_build_reports_the_provider_that_runs()
    {
        using var model = OnnxViewModel.Load(TinyModels.ModelPath(512), ProviderChoice.Auto);
        Assert.Equal("CPU", model.Provider);
        Assert.NotNull(model.FallbackReason); // this test project references the CPU-only package
        Assert.False(model.UsesPinnedStaging); // pinned staging is a CUDA provider allocator
        Assert.Equal(512, model.ImageSize);
        Assert.Equal(73, model.Tokens);
    }
}
