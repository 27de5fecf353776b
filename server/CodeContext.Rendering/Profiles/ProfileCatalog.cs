using System.Text.Json;
using CodeContext.Core;

namespace CodeContext.Rendering.Profiles;

/// <summary>The model profile table, read once from the embedded profiles.json.</summary>
public static class ProfileCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, ModelProfile>> Table = new(Load);

    public static IReadOnlyCollection<ModelProfile> All => (IReadOnlyCollection<ModelProfile>)Table.Value.Values;

    public static IEnumerable<string> Ids => Table.Value.Keys;

    public static ModelProfile Get(string id) =>
        Table.Value.TryGetValue(id, out var profile)
            ? profile
            : throw new UserError($"unknown profile '{id}' (known: {string.Join(", ", Table.Value.Keys)})");

    /// <summary>A profile's level, with an error naming the levels it has.</summary>
    public static DensityLevel GetLevel(ModelProfile profile, string level) =>
        profile.Levels.TryGetValue(level.ToUpperInvariant(), out var found)
            ? found
            : throw new UserError($"profile '{profile.Id}' has no level '{level}' (known: {string.Join(", ", profile.Levels.Keys)})");

    private static IReadOnlyDictionary<string, ModelProfile> Load()
    {
        using var stream = typeof(ProfileCatalog).Assembly.GetManifestResourceStream("CodeContext.Rendering.Profiles.profiles.json")
            ?? throw new InvalidOperationException("profiles.json is not embedded");
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip };
        var list = JsonSerializer.Deserialize<List<ModelProfile>>(stream, options)
            ?? throw new InvalidOperationException("profiles.json is empty");
        var table = new Dictionary<string, ModelProfile>(StringComparer.Ordinal);
        foreach (var profile in list)
        {
            table.Add(profile.Id, profile);
        }

        return table;
    }
}
