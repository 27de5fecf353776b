using System.Collections.Concurrent;
using SkiaSharp;

namespace CodeContext.Rendering.Layout;

/// <summary>Which bundled typeface draws a code point: the chosen font, else the fallback, else none (a box).</summary>
internal sealed class GlyphResolver
{
    public const int Missing = -1;

    private static readonly ConcurrentDictionary<(SKTypeface, SKTypeface), GlyphResolver> Shared = new();

    private readonly ConcurrentDictionary<int, (int Face, ushort Glyph)> _cache = new();
    private readonly (int Face, ushort Glyph)[] _ascii = new (int, ushort)[128];

    private GlyphResolver(SKTypeface primary, SKTypeface fallback)
    {
        Faces = [primary, fallback];
        for (var c = 0; c < _ascii.Length; c++)
        {
            _ascii[c] = Lookup(c);
        }
    }

    /// <summary>Index 0: the chosen font; 1: the fallback.</summary>
    public SKTypeface[] Faces { get; }

    public static GlyphResolver For(SKTypeface primary, SKTypeface fallback) =>
        Shared.GetOrAdd((primary, fallback), key => new GlyphResolver(key.Item1, key.Item2));

    public (int Face, ushort Glyph) Resolve(int codePoint) =>
        (uint)codePoint < 128 ? _ascii[codePoint] : _cache.GetOrAdd(codePoint, Lookup);

    private (int, ushort) Lookup(int codePoint)
    {
        for (var face = 0; face < Faces.Length; face++)
        {
            var glyph = Faces[face].GetGlyph(codePoint);
            if (glyph != 0)
            {
                return (face, glyph);
            }
        }

        return (Missing, 0);
    }
}
