using System.Diagnostics;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace RenderBench;

/// <summary>Render+encode throughput: pages/s over a corpus, all cores and one core.</summary>
internal static class Speed
{
    public static int Run(string folder, string profileId, string level, int seconds)
    {
        var fragments = Corpus.Load(folder);
        var request = new RenderRequest { Profile = ProfileCatalog.Get(profileId), Level = level };
        var layoutWatch = Stopwatch.StartNew();
        var layout = PageLayoutEngine.Layout(fragments, request);
        layoutWatch.Stop();
        Console.WriteLine($"layout of {fragments.Count} files: {layout.Pages.Count} pages in {layoutWatch.ElapsedMilliseconds} ms (tokenizing included); {layout.TextTokens / (double)layout.VisionTokens:F2}x");
        PageRenderer.Render(layout); // warm-up: JIT, glyph caches

        var pages = 0;
        long bytes = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var page in PageRenderer.Render(layout))
            {
                pages++;
                bytes += page.Png.Length;
            }
        }

        Console.WriteLine($"parallel ({Environment.ProcessorCount} cores): {pages / watch.Elapsed.TotalSeconds:F0} pages/s render+encode, mean PNG {bytes / pages / 1024.0:F0} KiB");

        pages = 0;
        watch.Restart();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var page in layout.Pages)
            {
                _ = PageRenderer.RenderPage(layout, page);
                pages++;
                if (watch.Elapsed.TotalSeconds >= seconds)
                {
                    break;
                }
            }
        }

        Console.WriteLine($"one thread: {pages / watch.Elapsed.TotalSeconds:F0} pages/s render+encode");
        return 0;
    }
}
