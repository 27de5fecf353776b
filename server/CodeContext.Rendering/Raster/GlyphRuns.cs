using SkiaSharp;

namespace CodeContext.Rendering.Raster;

/// <summary>Glyphs of a page grouped by (typeface, colour), drawn as one positioned blob per group.</summary>
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

    public void Draw(SKCanvas canvas, SKFont[] fonts)
    {
        using var paint = new SKPaint { IsAntialias = true };
        // Ordered so the drawing order (and so the bytes) never depends on dictionary order.
        foreach (var ((face, color), group) in _groups.OrderBy(g => g.Key.Face).ThenBy(g => (uint)g.Key.Color))
        {
            using var builder = new SKTextBlobBuilder();
            builder.AddPositionedRun(group.Glyphs.ToArray(), fonts[face], group.Points.ToArray());
            using var blob = builder.Build();
            paint.Color = color;
            canvas.DrawText(blob, 0, 0, paint);
        }
    }
}
