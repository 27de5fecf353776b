using SkiaSharp;

namespace CodeContext.Rendering.Raster;

/// <summary>Glyphs of a page grouped by (typeface, colour) with their pen positions.</summary>
internal sealed class GlyphRuns
{
    private readonly Dictionary<(int Face, SKColor Color), (List<ushort> Glyphs, List<SKPoint> Points)> _groups = [];

    public void Add(int face, SKColor color, ushort glyph, float x, float baseline)
    {
        if (!_groups.TryGetValue((face, color), out var group))
        {
            group = ([], []);
            _groups.Add((face, color), group);
        }

        group.Glyphs.Add(glyph);
        group.Points.Add(new SKPoint(x, baseline));
    }

    /// <summary>Composites every glyph into the page's pixels (the canvas must be flushed first).</summary>
    public void Blit(SKBitmap bitmap, GlyphMaskCache masks)
    {
        var page = new PagePixels(bitmap);
        foreach (var ((face, color), group) in _groups)
        {
            for (var i = 0; i < group.Glyphs.Count; i++)
            {
                GlyphBlitter.Blit(page, masks, face, color, group.Glyphs[i], group.Points[i].X, group.Points[i].Y);
            }
        }
    }
}
