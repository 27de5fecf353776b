using CodeContext.Core;
using SkiaSharp;

namespace CodeContext.VisionEncoder;

/// <summary>A page as the encoder receives it: its encoded bytes (PNG or JPEG) and their content hash.</summary>
public sealed class PageImage
{
    private PageImage(string name, byte[] bytes)
    {
        Name = name;
        Bytes = bytes;
        ContentHash = Core.ContentHash.Of(bytes);
    }

    /// <summary>Where the page came from, for messages.</summary>
    public string Name { get; }

    public byte[] Bytes { get; }

    public string ContentHash { get; }

    public static PageImage FromBytes(string name, byte[] bytes) => new(name, bytes);

    public static PageImage Load(string path)
    {
        if (!File.Exists(path)) throw new UserError($"page image not found: {path}");
        return new PageImage(path, File.ReadAllBytes(path));
    }

    /// <summary>
    /// Decodes to opaque RGBA. Alpha is dropped, not composited, as PIL's convert("RGB") does in
    /// DeepSeek-OCR's pre-processing.
    /// </summary>
    public SKBitmap Decode()
    {
        using var data = SKData.CreateCopy(Bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new UserError($"{Name}: not a readable image (PNG or JPEG expected)");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw new UserError($"{Name}: the image cannot be decoded ({result})");
        }
        var pixels = bitmap.GetPixelSpan();
        for (var i = 3; i < pixels.Length; i += 4) pixels[i] = 255;
        return bitmap;
    }
}
