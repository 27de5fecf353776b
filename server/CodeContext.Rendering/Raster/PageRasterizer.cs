using System.Globalization;
using CodeContext.Rendering.Layout;
using SkiaSharp;

namespace CodeContext.Rendering.Raster;

/// <summary>
/// Draws a laid-out page at the profile's exact size and encodes it as PNG. Bars, marks and boxes
/// go through Skia; glyphs, placed on the monospace grid, are composited from cached masks.
/// </summary>
internal static class PageRasterizer
{
    public static byte[] RenderPng(PageLayout layout, LaidOutPage page)
    {
        using var bitmap = RenderBitmap(layout, page);
        return Encode(bitmap);
    }

    /// <summary>PNG of a rendered page: Gray8 pages as grayscale, RGBA pages as RGB.</summary>
    internal static byte[] Encode(SKBitmap bitmap) => bitmap.ColorType switch
    {
        SKColorType.Gray8 => PngEncoder.EncodeGray(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height, bitmap.RowBytes),
        SKColorType.Rgba8888 => PngEncoder.EncodeRgb(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height, bitmap.RowBytes),
        var other => throw new ArgumentException($"pages are Gray8 or RGBA, not {other}", nameof(bitmap)),
    };

    /// <summary>The page's pixels: Gray8 for grayscale profiles, opaque RGBA otherwise.</summary>
    internal static SKBitmap RenderBitmap(PageLayout layout, LaidOutPage page)
    {
        var settings = layout.Settings;
        var info = new SKImageInfo(settings.Width, settings.Height, settings.Grayscale ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            Draw(canvas, bitmap, layout, page);
        }

        return bitmap;
    }

    private static void Draw(SKCanvas canvas, SKBitmap bitmap, PageLayout layout, LaidOutPage page)
    {
        var s = layout.Settings;
        var theme = s.Theme.Palette;
        canvas.Clear(theme.Background);
        var fonts = s.Glyphs.Faces.Select(s.CreateFont).ToArray();
        try
        {
            var metrics = fonts[0].Metrics;
            var baselineOffset = (s.LineHeight - (metrics.Descent - metrics.Ascent)) / 2 - metrics.Ascent;
            var gutterCells = s.Gutter ? layout.Fragments.Max(f => f.EndLine).ToString(CultureInfo.InvariantCulture).Length + 1 : 1;
            var runs = new GlyphRuns();
            using var fill = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
            using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1f, s.FontSize / 12f) };

            for (var c = 0; c < page.Columns.Count; c++)
            {
                var column = page.Columns[c];
                var columnWidth = column.Width;
                if (c > 0)
                {
                    fill.Color = theme.Gutter.WithAlpha(90);
                    var sepX = column.X - s.ColumnGap / 2f;
                    canvas.DrawRect(sepX, s.Margin, 1, s.Height - 2 * s.Margin, fill);
                }

                for (var r = 0; r < column.Rows.Count; r++)
                {
                    var row = column.Rows[r];
                    var top = row.Top;
                    var baseline = top + baselineOffset;
                    var textX = column.X + gutterCells * s.CellWidth;
                    switch (row.Kind)
                    {
                        case RowKind.Header:
                            fill.Color = theme.HeaderBackground;
                            canvas.DrawRect(column.X, top, columnWidth, s.LineHeight, fill);
                            AddText(runs, s, Fit(row.HeaderText!, (int)(columnWidth / s.CellWidth) - 1), column.X + s.CellWidth / 2, baseline, theme.Header);
                            break;
                        case RowKind.Line:
                            // A lowered empty line has no room for its number; the gap in the numbers shows it.
                            if (s.Gutter && row.Height >= s.LineHeight)
                            {
                                var number = layout.Fragments[row.Fragment].LineAt(row.Line).ToString(CultureInfo.InvariantCulture);
                                AddText(runs, s, number, column.X + (gutterCells - 1 - number.Length) * s.CellWidth, baseline, theme.Gutter);
                            }

                            AddCells(canvas, runs, s, layout.Cells[row.Fragment][row.Line], row, textX, top, baseline, stroke);
                            break;
                        case RowKind.Continuation:
                            if (s.Level.ContinuationMark == "shade")
                            {
                                fill.Color = theme.ContinuationShade;
                                canvas.DrawRect(textX, MathF.Floor(top), column.X + columnWidth - textX, MathF.Ceiling(s.LineHeight), fill);
                            }
                            else
                            {
                                DrawContinuationMark(canvas, stroke, theme.Continuation, textX - s.CellWidth, top, s);
                            }

                            AddCells(canvas, runs, s, layout.Cells[row.Fragment][row.Line], row, textX, top, baseline, stroke);
                            break;
                    }
                }
            }

            canvas.Flush();
            runs.Blit(bitmap, GlyphMaskCache.For(s));
        }
        finally
        {
            foreach (var font in fonts)
            {
                font.Dispose();
            }
        }
    }

    private static void AddCells(SKCanvas canvas, GlyphRuns runs, LayoutSettings s, Cell[] cells, LaidOutRow row, float x, float top, float baseline, SKPaint stroke)
    {
        var indent = s.IndentScale < 1 ? CellLines.Indent(cells) : 0;
        var from = s.CellOffset(row.CellStart, indent);
        for (var i = 0; i < row.CellCount; i++)
        {
            var cell = cells[row.CellStart + i];
            if (cell.CodePoint == ' ')
            {
                continue;
            }

            var cellX = x + (s.CellOffset(row.CellStart + i, indent) - from) * s.CellWidth;
            var (face, glyph) = s.Glyphs.Resolve(cell.CodePoint);
            if (face == GlyphResolver.Missing)
            {
                // Never drop a character silently: a box marks it (the region map names it).
                stroke.Color = s.Theme.Palette.MissingGlyph;
                canvas.DrawRect(cellX + s.CellWidth * 0.15f, top + s.LineHeight * 0.2f, s.CellWidth * 0.7f, s.LineHeight * 0.6f, stroke);
                continue;
            }

            runs.Add(face, s.Theme.Palette.Kinds[(int)cell.Kind], glyph, cellX, baseline);
        }
    }

    private static void AddText(GlyphRuns runs, LayoutSettings s, string text, float x, float baseline, SKColor color)
    {
        var i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var (face, glyph) = s.Glyphs.Resolve(rune.Value);
            if (face != GlyphResolver.Missing && rune.Value != ' ')
            {
                runs.Add(face, color, glyph, x + i * s.CellWidth, baseline);
            }

            i++;
        }
    }

    /// <summary>A hooked arrow in the cell left of the text: this row continues the line above.</summary>
    private static void DrawContinuationMark(SKCanvas canvas, SKPaint stroke, SKColor color, float x, float top, LayoutSettings s)
    {
        stroke.Color = color;
        var w = s.CellWidth;
        var h = s.LineHeight;
        using var path = new SKPath();
        path.MoveTo(x + w * 0.25f, top + h * 0.15f);
        path.LineTo(x + w * 0.25f, top + h * 0.6f);
        path.LineTo(x + w * 0.9f, top + h * 0.6f);
        path.MoveTo(x + w * 0.6f, top + h * 0.4f);
        path.LineTo(x + w * 0.9f, top + h * 0.6f);
        path.LineTo(x + w * 0.6f, top + h * 0.8f);
        canvas.DrawPath(path, stroke);
    }

    private static string Fit(string text, int cells) =>
        text.Length <= cells || cells < 2 ? text : string.Concat("…", text.AsSpan(text.Length - cells + 1));
}
