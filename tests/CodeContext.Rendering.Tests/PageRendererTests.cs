using CodeContext.Core;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;
using SkiaSharp;

namespace CodeContext.Rendering.Tests;

public sealed class PageRendererTests
{
    public static TheoryData<string> ProfileIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in ProfileCatalog.Ids)
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProfileIds))]
    public void Pages_have_the_profile_geometry_and_colour_model(string profileId)
    {
        var profile = ProfileCatalog.Get(profileId);
        var page = PageRenderer.Render([RenderTestInputs.Whole("O.cs", RenderTestInputs.OrderService)], RenderTestInputs.Request(profileId)).Single();
        using var codec = SKCodec.Create(new SKMemoryStream(page.Png));
        Assert.Equal((profile.Page.Width, profile.Page.Height), (codec.Info.Width, codec.Info.Height));
        Assert.Equal((profile.Page.Width, profile.Page.Height), (page.Width, page.Height));
        // PNG IHDR colour type: 0 greyscale, 2 RGB (opaque pages carry no alpha channel).
        Assert.Equal(profile.Color ? 2 : 0, page.Png[25]);
        Assert.Equal(Costs.VisionCostCalculator.Compute(profile.Cost, page.Width, page.Height).Tokens, page.VisionTokens);
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        var fragments = new[] { RenderTestInputs.Whole("A.cs", RenderTestInputs.NumberedFile(400)), RenderTestInputs.Whole("O.cs", RenderTestInputs.OrderService) };
        var first = PageRenderer.Render(fragments, RenderTestInputs.Request("qwen2.5-vl"));
        var second = PageRenderer.Render(fragments, RenderTestInputs.Request("qwen2.5-vl"));
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Png, second[i].Png);
        }
    }

    [Fact]
    public void Measure_agrees_with_render()
    {
        var fragments = new[] { RenderTestInputs.Whole("A.cs", RenderTestInputs.NumberedFile(1500)) };
        var measured = PageRenderer.Measure(fragments, RenderTestInputs.Request());
        var rendered = PageRenderer.Render(fragments, RenderTestInputs.Request());
        Assert.Equal(measured.Pages.Count, rendered.Count);
        Assert.Equal(measured.Pages.Select(p => p.TextTokens), rendered.Select(p => p.TextTokens));
        Assert.Equal(measured.VisionTokens, rendered.Sum(p => p.VisionTokens));
    }

    /// <summary>
    /// Golden check by pixel statistics, not by hash: ink sits in the rows that hold text, blank
    /// source lines stay blank, and the page's overall ink share stays in a band that catches a
    /// missing font, a blank page or a wrong scale but not antialiasing changes between versions.
    /// </summary>
    [Fact]
    public void Ink_falls_where_the_text_is_and_nowhere_else()
    {
        var request = RenderTestInputs.Request(gutter: false);
        var layout = PageRenderer.Measure([RenderTestInputs.Whole("O.cs", RenderTestInputs.OrderService)], request);
        var page = PageRenderer.Render(layout).Single();
        using var bitmap = SKBitmap.Decode(page.Png);
        var region = page.Regions.Single();
        var sourceLines = RenderTestInputs.OrderService.Split('\n');
        var rows = layout.Pages[0].Columns.SelectMany(c => c.Rows).Where(r => r.Kind != Layout.RowKind.Header).ToList();
        Assert.Equal(sourceLines.Length, rows.Count(r => r.Kind == Layout.RowKind.Line));
        foreach (var row in rows)
        {
            // The middle of each row: antialiased descenders may touch the neighbouring rows' edges.
            var top = (int)Math.Ceiling(row.Top + 0.2 * row.Height);
            var bottom = (int)Math.Floor(row.Top + 0.8 * row.Height);
            var ink = Ink(bitmap, region.X, top, region.X + region.Width, bottom);
            var text = sourceLines[row.Line].Substring(row.CellStart, row.CellCount).Trim();
            if (text.Length == 0)
            {
                Assert.True(ink == 0, $"blank line {row.Line + 1} has {ink} inked pixels");
            }
            else
            {
                Assert.True(ink >= text.Length / 2, $"line {row.Line + 1} has only {ink} inked pixels");
            }
        }

        var belowText = Ink(bitmap, 0, region.Y + region.Height + 2, bitmap.Width, bitmap.Height);
        Assert.Equal(0, belowText);
        var share = Ink(bitmap, 0, 0, bitmap.Width, bitmap.Height) / (double)(bitmap.Width * bitmap.Height);
        Assert.InRange(share, 0.002, 0.05);
    }

    [Fact]
    public void Wrapped_rows_are_shaded_where_the_level_says_so_and_marked_with_an_arrow_otherwise()
    {
        var request = RenderTestInputs.Request(gutter: false);
        var longLine = "var s = \"" + new string('x', 400) + "\";";
        var fragment = RenderTestInputs.Whole("W.cs", longLine);
        var level = ProfileCatalog.GetLevel(request.Profile, "L2");
        foreach (var mark in new[] { "shade", "arrow" })
        {
            var layout = PageRenderer.Measure([fragment], request with { LevelSettings = level with { ContinuationMark = mark } });
            using var bitmap = SKBitmap.Decode(PageRenderer.Render(layout).Single().Png);
            var column = layout.Pages[0].Columns[0];
            var row = column.Rows.First(r => r.Kind == RowKind.Continuation);
            // Past the text's end on the last wrapped row: background only, shaded or not.
            var last = column.Rows.Last(r => r.Kind == RowKind.Continuation);
            var y = (int)(last.Top + last.Height / 2);
            var x = column.X + column.Width - 2;
            Assert.Equal(mark == "shade" ? (byte)0xE6 : (byte)0xFF, bitmap.GetPixel(x, y).Red);
            // The arrow sits in the cell before the text; the shade leaves that cell white.
            var markInk = Ink(bitmap, column.X, (int)row.Top, column.X + (int)layout.Settings.CellWidth, (int)(row.Top + row.Height));
            Assert.True(mark == "arrow" ? markInk > 0 : markInk == 0, $"{mark}: {markInk} inked pixels in the mark cell");
        }
    }

    [Fact]
    public void Missing_glyphs_are_drawn_not_dropped()
    {
        var request = RenderTestInputs.Request(gutter: false);
        var withBox = PageRenderer.Render([RenderTestInputs.Whole("U.cs", "x 处 y")], request).Single();
        var withSpace = PageRenderer.Render([RenderTestInputs.Whole("U.cs", "x   y")], request).Single();
        using var a = SKBitmap.Decode(withBox.Png);
        using var b = SKBitmap.Decode(withSpace.Png);
        Assert.True(Ink(a, 0, 0, a.Width, a.Height) > Ink(b, 0, 0, b.Width, b.Height));
        Assert.Equal(["U+5904"], withBox.Regions.Single().MissingGlyphs);
    }

    [Fact]
    public void Syntax_kinds_change_colours_on_colour_profiles()
    {
        var text = "class Foo";
        var plain = PageRenderer.Render([new SourceFragment("K.cs", 1, 1, text, [])], RenderTestInputs.Request("gpt-4o")).Single();
        var coloured = PageRenderer.Render([new SourceFragment("K.cs", 1, 1, text, [new CodeSpan(0, 5, CodeSpanKind.Keyword)])], RenderTestInputs.Request("gpt-4o")).Single();
        using var bitmap = SKBitmap.Decode(coloured.Png);
        Assert.NotEqual(plain.Png, coloured.Png);
        var blue = 0;
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                blue += c.Blue > c.Red + 60 && c.Blue > c.Green + 60 ? 1 : 0;
            }
        }

        Assert.True(blue > 5, "the keyword should be drawn in the theme's keyword blue");
    }

    [Fact]
    public void Unknown_levels_fonts_and_themes_are_user_errors()
    {
        var fragments = new[] { RenderTestInputs.Whole("O.cs", "x") };
        Assert.Throws<UserError>(() => PageRenderer.Measure(fragments, RenderTestInputs.Request(level: "L9")));
        Assert.Throws<UserError>(() => PageRenderer.Measure(fragments, RenderTestInputs.Request() with { Font = "comic-sans" }));
        Assert.Throws<UserError>(() => PageRenderer.Measure(fragments, RenderTestInputs.Request() with { Theme = "dark" }));
    }

    private static int Ink(SKBitmap bitmap, int x0, int y0, int x1, int y1)
    {
        var count = 0;
        for (var y = Math.Max(0, y0); y < Math.Min(bitmap.Height, y1); y++)
        {
            for (var x = Math.Max(0, x0); x < Math.Min(bitmap.Width, x1); x++)
            {
                var c = bitmap.GetPixel(x, y);
                count += c.Red < 160 || c.Green < 160 || c.Blue < 160 ? 1 : 0;
            }
        }

        return count;
    }
}
