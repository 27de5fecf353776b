using System.Diagnostics;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;
using SkiaSharp;

namespace RenderBench;

/// <summary>
/// Render+encode throughput over a corpus. Reports wall-clock pages/s and pages per CPU-second
/// (process CPU time), since a shared machine's wall clock says more about its neighbours.
/// </summary>
internal static class Speed
{
    public static int Run(string folder, string profileId, string level, int seconds)
    {
        var fragments = Corpus.Load(folder);
        var request = new RenderRequest { Profile = ProfileCatalog.Get(profileId), Level = level };
        var process = Process.GetCurrentProcess();
        var layoutWatch = Stopwatch.StartNew();
        var cpu0 = process.TotalProcessorTime;
        var layout = PageLayoutEngine.Layout(fragments, request);
        process.Refresh();
        Console.WriteLine($"layout of {fragments.Count} files: {layout.Pages.Count} pages, {layout.TextTokens / (double)layout.VisionTokens:F2}x, {layoutWatch.ElapsedMilliseconds} ms wall, {(process.TotalProcessorTime - cpu0).TotalMilliseconds:F0} ms CPU (tokenizer load and first pass included)");
        layoutWatch.Restart();
        cpu0 = process.TotalProcessorTime;
        PageLayoutEngine.Layout(fragments, request);
        process.Refresh();
        Console.WriteLine($"layout again (warm): {layoutWatch.ElapsedMilliseconds} ms wall, {(process.TotalProcessorTime - cpu0).TotalMilliseconds:F0} ms CPU");
        layoutWatch.Restart();
        process.Refresh();
        cpu0 = process.TotalProcessorTime;
        PageRenderer.RenderPage(layout, layout.Pages[0]); // cold: JIT, glyph masks of the level's size
        process.Refresh();
        Console.WriteLine($"first page (cold: JIT, glyph masks): {layoutWatch.ElapsedMilliseconds} ms wall, {(process.TotalProcessorTime - cpu0).TotalMilliseconds:F0} ms CPU");
        var other = PageLayoutEngine.Layout(fragments, request with { Level = level == "L1" ? "L2" : "L1" });
        layoutWatch.Restart();
        process.Refresh();
        cpu0 = process.TotalProcessorTime;
        PageRenderer.RenderPage(other, other.Pages[0]); // code warm, masks cold
        process.Refresh();
        Console.WriteLine($"first page of another size (glyph masks only): {layoutWatch.ElapsedMilliseconds} ms wall, {(process.TotalProcessorTime - cpu0).TotalMilliseconds:F0} ms CPU");
        PageRenderer.Render(layout); // warm-up: JIT, glyph caches

        Measure("parallel", seconds, () => PageRenderer.Render(layout).Select(p => p.Png.Length).ToList());
        Measure("one thread", seconds, () => layout.Pages.Select(p => PageRenderer.RenderPage(layout, p).Png.Length).ToList());

        Measure("raster only, one thread", seconds, () => layout.Pages.Select(p => { using var b = CodeContext.Rendering.Raster.PageRasterizer.RenderBitmap(layout, p); return 0; }).ToList());

        // Encoding alone, on the rendered pages' pixels: the renderer's encoder, then Skia's for comparison.
        var bitmaps = layout.Pages.Select(p => CodeContext.Rendering.Raster.PageRasterizer.RenderBitmap(layout, p)).ToList();
        Measure("PNG encode only (renderer: zlib-ng level 1, no filter), one thread", Math.Max(1, seconds / 3), () => bitmaps.Select(b => CodeContext.Rendering.Raster.PageRasterizer.Encode(b).Length).ToList());
        foreach (var (filter, zlib) in new[] { (SKPngEncoderFilterFlags.Sub, 1), (SKPngEncoderFilterFlags.Sub, 4) })
        {
            var options = new SKPngEncoderOptions(filter, zlib);
            Measure($"PNG encode only (Skia, {filter}, zlib {zlib}), one thread", Math.Max(1, seconds / 3), () => bitmaps.Select(b => { using var pixmap = b.PeekPixels(); using var data = pixmap.Encode(options)!; return (int)data.Size; }).ToList());
        }

        bitmaps.ForEach(b => b.Dispose());
        return 0;
    }

    private static void Measure(string name, int seconds, Func<List<int>> renderAll)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var gen2 = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        var pages = 0;
        long bytes = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var size in renderAll())
            {
                pages++;
                bytes += size;
            }
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine($"{name}: {pages / watch.Elapsed.TotalSeconds:F0} pages/s wall, {pages / cpu:F0} pages per CPU-second, mean PNG {bytes / pages / 1024.0:F0} KiB, {GC.CollectionCount(2) - gen2} gen2 GCs");
    }
}
