using System.Globalization;
using System.Text;
using System.Text.Json;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace RenderBench;

/// <summary>
/// Pages for the Tesseract benchmark: every bundled font at a sweep of glyph sizes (legibility is a
/// matter of pixels per glyph; levels map to sizes), gutter off, with each region's exact rendered
/// text (wrapped rows included) next to the PNGs.
/// </summary>
internal static class LegibilityPages
{
    // Pages from a third and two thirds into the layout: real code, not the licence headers and
    // using lists that open every file.
    private static readonly double[] PagePositions = [1 / 3.0, 2 / 3.0];

    public static int Run(string folder, string outDir, string profileId, int files, IReadOnlyList<float> sizes, IReadOnlyList<string> fonts)
    {
        var all = Corpus.Load(folder);
        var step = Math.Max(1, all.Count / files);
        var fragments = all.Where((_, i) => i % step == 0).Take(files).ToList();
        var profile = ProfileCatalog.Get(profileId);
        var entries = new List<object>();
        foreach (var font in fonts)
        {
            foreach (var size in sizes)
            {
                var level = size.ToString("0.##", CultureInfo.InvariantCulture) + "px";
                var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = "L1", FontSize = size, Font = font, Gutter = false });
                var dir = Path.Combine(outDir, font, level);
                Directory.CreateDirectory(dir);
                foreach (var page in PagePositions.Select(p => layout.Pages[(int)(p * layout.Pages.Count)]).Distinct())
                {
                    var rendered = PageRenderer.RenderPage(layout, page);
                    var png = Path.Combine(dir, $"page-{page.Number:D3}.png");
                    File.WriteAllBytes(png, rendered.Png);
                    var texts = RegionTexts(layout, page);
                    var regions = page.Regions.Select((r, i) => new { r.X, r.Y, r.Width, r.Height, r.Path, r.StartLine, r.EndLine, text = texts[i] });
                    entries.Add(new { font, size = level, fontSize = layout.Settings.FontSize, png = Path.GetRelativePath(outDir, png), compression = page.Compression, regions });
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{font} {level}: {layout.Pages.Count} pages, {layout.ColumnsPerPage} columns, {layout.TextTokens / (double)layout.VisionTokens:F2}x"));
            }
        }

        File.WriteAllText(Path.Combine(outDir, "pages.json"), JsonSerializer.Serialize(entries));
        return 0;
    }

    private static List<string> RegionTexts(PageLayout layout, LaidOutPage page)
    {
        var texts = new List<string>();
        StringBuilder? current = null;
        foreach (var column in page.Columns)
        {
            foreach (var row in column.Rows)
            {
                if (row.Kind == RowKind.Header)
                {
                    if (current is not null)
                    {
                        texts.Add(current.ToString());
                    }

                    current = new StringBuilder();
                    continue;
                }

                var cells = layout.Cells[row.Fragment][row.Line];
                for (var i = 0; i < row.CellCount; i++)
                {
                    current!.Append(char.ConvertFromUtf32(cells[row.CellStart + i].CodePoint));
                }

                current!.Append('\n');
            }
        }

        if (current is not null)
        {
            texts.Add(current.ToString());
        }

        return texts;
    }
}
