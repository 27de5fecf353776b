using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace RenderBench;

/// <summary>Pages, compression and wrapping per forced column count: the data behind the column rule.</summary>
internal static class Diagnostics
{
    public static int Columns(string folder, string profileId, string level)
    {
        var fragments = Corpus.Load(folder);
        var profile = ProfileCatalog.Get(profileId);
        Console.WriteLine("columns\tchars\tpages\tcompression\tcontinuationShare");
        for (var k = 1; k <= 8; k++)
        {
            var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = level, Columns = k });
            var rows = layout.Pages.Sum(p => p.Regions.Sum(r => r.Height)) / layout.Settings.LineHeight;
            var cont = layout.Pages.Sum(p => p.Regions.Sum(r => r.ContinuationRows));
            Console.WriteLine($"{k}\t{layout.CharsPerColumn}\t{layout.Pages.Count}\t{layout.TextTokens / (double)layout.VisionTokens:F2}\t{cont / rows:P1}");
        }

        var auto = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = level });
        Console.WriteLine($"auto: {auto.ColumnsPerPage} columns, {auto.Pages.Count} pages, {auto.TextTokens / (double)auto.VisionTokens:F2}x");
        return 0;
    }
}
