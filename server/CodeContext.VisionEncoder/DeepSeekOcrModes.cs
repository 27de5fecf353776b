using System.Text.Json;
using CodeContext.Rendering.Profiles;
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

    /// <summary>A mode name (Tiny .. Gundam) or the id of a DeepSeek-OCR rendering profile.</summary>
    public static DeepSeekOcrMode Resolve(string nameOrProfileId)
    {
        if (ProfileCatalog.Ids.Contains(nameOrProfileId, StringComparer.OrdinalIgnoreCase))
            return FromProfile(ProfileCatalog.Get(nameOrProfileId));
        return Get(nameOrProfileId);
    }

    /// <summary>
    /// The encoder geometry of a rendering profile, so pages are encoded exactly as the profile
    /// costs them: the global view is its base size (padded above 640, stretched at or below, as
    /// DeepSeek-OCR's code does), tiles of its image size when it crops.
    /// </summary>
    public static DeepSeekOcrMode FromProfile(ModelProfile profile)
    {
        var cost = profile.Cost;
        if (cost.Kind != "deepseek-ocr")
            throw new CodeContext.Core.UserError($"profile '{profile.Id}' is not a DeepSeek-OCR profile (cost kind {cost.Kind})");
        return cost.Crop
            ? new DeepSeekOcrMode(profile.Id, cost.BaseSize, cost.BaseSize > StretchLimit, cost.ImageSize, cost.MinTiles, cost.MaxTiles)
            : new DeepSeekOcrMode(profile.Id, cost.BaseSize, cost.BaseSize > StretchLimit);
    }

    // DeepSeek-OCR resizes a global view of 640 or less straight to the square and pads larger ones.
    private const int StretchLimit = 640;

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
