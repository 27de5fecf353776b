using System.Collections.Concurrent;
using CodeContext.Core;
using SkiaSharp;

namespace CodeContext.Rendering.Fonts;

/// <summary>The bundled monospace fonts, loaded from embedded resources once each.</summary>
public static class FontCatalog
{
    public const string FallbackId = "dejavu-sans-mono";

    private static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["jetbrains-mono"] = "JetBrainsMono-Regular.ttf",
        ["dejavu-sans-mono"] = "DejaVuSansMono.ttf",
        ["noto-sans-mono"] = "NotoSansMono-Regular.ttf",
        ["fira-code"] = "FiraCode-Regular.ttf",
        ["inconsolata"] = "Inconsolata.otf",
    };

    private static readonly ConcurrentDictionary<string, Lazy<SKTypeface>> Loaded = new(StringComparer.Ordinal);

    public static IEnumerable<string> Ids => Files.Keys;

    public static SKTypeface Get(string id)
    {
        if (!Files.TryGetValue(id, out var file))
        {
            throw new UserError($"unknown font '{id}' (bundled: {string.Join(", ", Files.Keys)})");
        }

        return Loaded.GetOrAdd(id, _ => new Lazy<SKTypeface>(() => Load(file))).Value;
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(FontCatalog).Assembly.GetManifestResourceStream("CodeContext.Rendering.Fonts." + file)
            ?? throw new InvalidOperationException($"font {file} is not embedded");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"font {file} does not load");
    }
}
