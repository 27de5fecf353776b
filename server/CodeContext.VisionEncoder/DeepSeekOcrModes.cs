using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeContext.VisionEncoder;

/// <summary>One DeepSeek-OCR resolution mode: the global view's size and, for Gundam, its tiling.</summary>
public sealed record DeepSeekOcrMode(string Name, int ImageSize, bool Pad, int TileSize = 0, int MinTiles = 0, int MaxTiles = 0)
{
    public bool Tiles => TileSize > 0;
}

/// <summary>
/// The mode table (an embedded JSON resource, so geometry is data). Kept self-contained here until
/// the renderer's profiles can serve both the renderer and the encoder.
/// </summary>
public static class DeepSeekOcrModes
{
    private static readonly Lazy<(int Patch, IReadOnlyList<DeepSeekOcrMode> Modes)> Table = new(Load);

    public static int PatchSize => Table.Value.Patch;

    public static IReadOnlyList<DeepSeekOcrMode> All => Table.Value.Modes;

    public static DeepSeekOcrMode Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CodeContext.Core.UserError(
            $"unknown DeepSeek-OCR mode '{name}' (known: {string.Join(", ", All.Select(m => m.Name))})");

    private static (int, IReadOnlyList<DeepSeekOcrMode>) Load()
    {
        const string resource = "CodeContext.VisionEncoder.deepseek-ocr-modes.json";
        using var stream = typeof(DeepSeekOcrModes).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded resource {resource}");
        var file = JsonSerializer.Deserialize(stream, ModeJsonContext.Default.ModeFile)
            ?? throw new InvalidOperationException($"empty resource {resource}");
        return (file.PatchSize, file.Modes);
    }

}

internal sealed record ModeFile(
    [property: JsonPropertyName("patchSize")] int PatchSize,
    [property: JsonPropertyName("modes")] List<DeepSeekOcrMode> Modes);

/// <summary>Source-generated, so the table also loads in trimmed (self-contained) builds.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ModeFile))]
internal sealed partial class ModeJsonContext : JsonSerializerContext;
