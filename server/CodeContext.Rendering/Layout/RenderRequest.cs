using CodeContext.Rendering.Profiles;

namespace CodeContext.Rendering.Layout;

/// <summary>What to render pages for: a profile and one of its density levels, plus optional overrides.</summary>
public sealed record RenderRequest
{
    public required ModelProfile Profile { get; init; }

    /// <summary>L1..L4.</summary>
    public required string Level { get; init; }

    /// <summary>Theme id; null: "light" for colour profiles, "gray" otherwise.</summary>
    public string? Theme { get; init; }

    /// <summary>Line numbers in a gutter.</summary>
    public bool Gutter { get; init; } = true;

    /// <summary>Font id overriding the level's (benchmarks compare fonts with it).</summary>
    public string? Font { get; init; }

    /// <summary>Glyph size overriding the level's (calibration sweeps it); line height scales with it.</summary>
    public float? FontSize { get; init; }

    /// <summary>
    /// The whole level's settings instead of the profile's (benchmarks sweep typography with it);
    /// <see cref="Level"/> still names the level.
    /// </summary>
    public DensityLevel? LevelSettings { get; init; }

    /// <summary>Columns per page; null: the layout picks the count that needs the fewest pages.</summary>
    public int? Columns { get; init; }
}
