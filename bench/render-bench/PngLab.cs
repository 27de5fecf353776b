using System.Diagnostics;
using System.IO.Compression;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace RenderBench;

/// <summary>Deflate settings over a level's real page pixels: filter x zlib level x strategy (CPU time and bytes).</summary>
internal static class PngLab
{
    public static int Run(string folder, string profileId, string level)
    {
        var layout = PageLayoutEngine.Layout(Corpus.Load(folder), new RenderRequest { Profile = ProfileCatalog.Get(profileId), Level = level });
        var pages = layout.Pages.Select(p =>
        {
            using var b = CodeContext.Rendering.Raster.PageRasterizer.RenderBitmap(layout, p);
            return (b.Bytes, b.Width, b.Height, Bpp: b.BytesPerPixel);
        }).ToList();
        foreach (var filter in new[] { 0, 1, 2 })
        {
            foreach (var (zl, strat) in new[] { (1, ZLibCompressionStrategy.Default), (2, ZLibCompressionStrategy.Default), (3, ZLibCompressionStrategy.Default), (1, ZLibCompressionStrategy.RunLengthEncoding), (1, ZLibCompressionStrategy.HuffmanOnly), (1, ZLibCompressionStrategy.Filtered) })
            {
                var filtered = pages.Select(p => Filter(p.Bytes, p.Width * p.Bpp, p.Height, filter, p.Bpp)).ToList();
                var sw = Stopwatch.StartNew();
                long bytes = 0;
                var rounds = 0;
                while (sw.Elapsed.TotalSeconds < 2)
                {
                    foreach (var f in filtered)
                    {
                        using var ms = new MemoryStream();
                        using (var z = new ZLibStream(ms, new ZLibCompressionOptions { CompressionLevel = zl, CompressionStrategy = strat }, leaveOpen: true))
                        {
                            z.Write(f);
                        }

                        bytes += ms.Length;
                    }

                    rounds++;
                }

                var n = rounds * pages.Count;
                Console.WriteLine($"filter {filter} zlib {zl} {strat}: {sw.Elapsed.TotalMilliseconds / n:F2} ms/page, {bytes / n / 1024.0:F0} KiB");
            }
        }

        return 0;
    }

    private static byte[] Filter(byte[] px, int stride, int height, int filter, int bpp)
    {
        var outp = new byte[(stride + 1) * height];
        for (var y = 0; y < height; y++)
        {
            var o = y * (stride + 1);
            outp[o] = (byte)filter;
            for (var x = 0; x < stride; x++)
            {
                var cur = px[y * stride + x];
                var pred = filter switch
                {
                    1 => x >= bpp ? px[y * stride + x - bpp] : 0,
                    2 => y > 0 ? px[(y - 1) * stride + x] : 0,
                    _ => 0,
                };
                outp[o + 1 + x] = (byte)(cur - pred);
            }
        }

        return outp;
    }
}
