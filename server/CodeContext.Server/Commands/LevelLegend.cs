using System.Globalization;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Server.Commands;

/// <summary>
/// What the forms L1..L4 in a summary mean, for the levels it used: page images of the source,
/// each denser than the one before (smaller glyphs, more source per vision token), from the
/// profile's own level table. A reader of "L1 63" otherwise has to find docs/rendering.md.
/// </summary>
internal static class LevelLegend
{
    /// <summary>"page images, denser as relevance falls: L1 11 px (about 5.1x fewer tokens than text), ..."; null when no level was used.</summary>
    public static string? For(string profileId, IEnumerable<string> forms)
    {
        var profile = ProfileCatalog.Get(profileId);
        var used = forms.Where(profile.Levels.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (used.Count == 0) return null;
        return "page images, denser as relevance falls: " + string.Join(", ", used.Select(level => Describe(level, profile.Levels[level])));
    }

    private static string Describe(string name, DensityLevel level)
    {
        var glyphs = string.Create(CultureInfo.InvariantCulture, $"{name} {level.FontSize:0.##} px");
        return (level.MeasuredCompression ?? level.TargetCompression) is { } compression
            ? string.Create(CultureInfo.InvariantCulture, $"{glyphs} (about {compression:0.#}x fewer tokens than text)")
            : glyphs;
    }
}
