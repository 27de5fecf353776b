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
    /// <summary>
    /// One variant per ';'-separated spec of key=value pairs over the level's settings, e.g.
    /// <c>font=dejavu-sans-mono,size=8,lh=1.15,hint=full,aa=0,subpx=0,whole=1,bold=0,indent=0.25</c>;
    /// keys left out keep the profile's L1 values (line height scales with size).
    /// </summary>
    public static int Run(string folder, string outDir, string profileId, int files, int pagesPerVariant, string variants)
    {
        var all = Corpus.Load(folder);
        var step = Math.Max(1, all.Count / files);
        var fragments = all.Where((_, i) => i % step == 0).Take(files).ToList();
        var profile = ProfileCatalog.Get(profileId);
        var entries = new List<object>();
        foreach (var spec in variants.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var level = Parse(profile.Levels["L1"], spec);
            var layout = PageLayoutEngine.Layout(fragments, new RenderRequest { Profile = profile, Level = "L1", LevelSettings = level, Gutter = false });
            var dir = Path.Combine(outDir, Sanitize(spec));
            Directory.CreateDirectory(dir);
            // Pages spread evenly from a fifth in: real code, not the licence headers and using lists that open every file.
            var picks = Enumerable.Range(0, pagesPerVariant).Select(i => layout.Pages[(int)((0.2 + 0.7 * i / Math.Max(1, pagesPerVariant - 1)) * (layout.Pages.Count - 1))]).Distinct();
            var compression = layout.TextTokens / (double)layout.VisionTokens;
            foreach (var page in picks)
            {
                var rendered = PageRenderer.RenderPage(layout, page);
                var png = Path.Combine(dir, $"page-{page.Number:D3}.png");
                File.WriteAllBytes(png, rendered.Png);
                var texts = RegionTexts(layout, page);
                var regions = page.Regions.Select((r, i) => new { r.X, r.Y, r.Width, r.Height, r.Path, r.StartLine, r.EndLine, text = texts[i] });
                entries.Add(new { variant = spec, fontSize = layout.Settings.FontSize, png = Path.GetRelativePath(outDir, png), compression, regions });
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec}: {layout.Pages.Count} pages, up to {layout.ColumnsPerPage} columns, cell {layout.Settings.CellWidth:F2}x{layout.Settings.LineHeight:F2}, {WrapShare(layout):P1} rows wrapped, {compression:F2}x"));
        }

        File.WriteAllText(Path.Combine(outDir, "pages.json"), JsonSerializer.Serialize(entries));
        return 0;
    }

    /// <summary>Share of code rows that are wrapped continuations.</summary>
    internal static double WrapShare(PageLayout layout)
    {
        var rows = layout.Pages.SelectMany(p => p.Columns).SelectMany(c => c.Rows).Where(r => r.Kind != RowKind.Header).ToList();
        return rows.Count(r => r.Kind == RowKind.Continuation) / (double)Math.Max(1, rows.Count);
    }

    internal static DensityLevel Parse(DensityLevel level, string spec)
    {
        var lineRatio = level.LineHeight / level.FontSize;
        foreach (var pair in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            level = key switch
            {
                "font" => level with { Font = value },
                "size" => level with { FontSize = Float(value) },
                "lh" => level, // a ratio to the size, applied below
                "hint" => level with { Hinting = value },
                "aa" => level with { Antialias = value == "1" },
                "subpx" => level with { Subpixel = value == "1" },
                "whole" => level with { WholePixelCells = value == "1" },
                "bold" => level with { Embolden = value == "1" },
                "indent" => level with { IndentScale = Float(value) },
                "wrap" => level with { MaxWrapShare = Float(value) },
                "mark" => level with { ContinuationMark = value },
                "empty" => level with { EmptyLineScale = Float(value) },
                _ => throw new ArgumentException($"unknown key '{key}' in '{spec}'"),
            };
            if (key == "lh")
            {
                lineRatio = Float(value);
            }
        }

        // Line height in whole pixels when cells are: rows then start on pixel boundaries too.
        var lineHeight = level.FontSize * lineRatio;
        return level with { LineHeight = level.WholePixelCells ? MathF.Round(lineHeight) : lineHeight };
    }

    private static float Float(string value) => float.Parse(value, CultureInfo.InvariantCulture);

    private static string Sanitize(string spec) => string.Concat(spec.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));

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
