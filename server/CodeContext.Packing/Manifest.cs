using System.Text.Json.Serialization;
using CodeContext.Rendering.Layout;

namespace CodeContext.Packing;

/// <summary>manifest.json: the bundle's contract (docs/bundle.md). Bump <see cref="CurrentVersion"/> on any breaking change.</summary>
public sealed record Manifest
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public required string Profile { get; init; }
    public required string Tokenizer { get; init; }
    public required int Budget { get; init; }
    public required ManifestActive Active { get; init; }
    public string? Query { get; init; }
    public required ManifestTotals Totals { get; init; }
    public required IReadOnlyList<ManifestSegment> Segments { get; init; }
    public required IReadOnlyList<ManifestFile> Files { get; init; }
    public required ManifestSecrets Secrets { get; init; }

    /// <summary>
    /// What a reader must be told about the context, one line each: trojan-source characters in a
    /// carried file (shown as escapes) and look-alike identifiers. Empty when there is nothing to say.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Fidelity the planner used per form (value = relevance x fidelity), and where it comes from.</summary>
    public required IReadOnlyDictionary<string, ManifestFidelity> Fidelity { get; init; }
}

public sealed record ManifestFidelity(double Value, string Source);

public sealed record ManifestActive(string Path, int StartLine, int EndLine, bool Whole);

/// <param name="TextTokens">Every text token of the prompt: segments, separators and the wrapper.</param>
/// <param name="VisionTokens">Every image's cost, placeholders and view separators included.</param>
/// <param name="Total">TextTokens + VisionTokens; never above the budget.</param>
/// <param name="SourceTokens">What everything carried (in any form but listed) would cost as plain text.</param>
/// <param name="Headroom">Budget - Total.</param>
/// <param name="RepositorySourceTokens">Plain-text tokens of every candidate file, carried or not.</param>
/// <param name="EffectiveCompression">SourceTokens / Total.</param>
/// <param name="ByForm">Per form: files, plain-text tokens carried, tokens spent.</param>
public sealed record ManifestTotals(
    int TextTokens,
    int VisionTokens,
    int Total,
    int SourceTokens,
    int Headroom,
    int RepositorySourceTokens,
    double EffectiveCompression,
    IReadOnlyDictionary<string, FormTotals> ByForm);

public sealed record FormTotals(int Files, int SourceTokens, int Tokens);

/// <summary>One prompt segment, in prompt order.</summary>
/// <param name="Kind">text | image.</param>
/// <param name="Role">index | outline | text | active | instruction for text; the level (L1..L4) for images.</param>
public sealed record ManifestSegment(string Kind, string Role, int Tokens)
{
    public string? Path { get; init; }
    public int? StartLine { get; init; }
    public int? EndLine { get; init; }
    public string? Text { get; init; }
    public ManifestImage? Image { get; init; }
    public IReadOnlyList<PageRegion>? Regions { get; init; }
}

/// <param name="File">The page in the bundle (pages/page-NNN.png).</param>
public sealed record ManifestImage(string File, int Width, int Height)
{
    /// <summary>Server only: the page as a PNG in the cache directory (compose with images: "file").</summary>
    public string? Path { get; init; }

    /// <summary>Server only: the page as a data URL (compose with images: "dataUrl").</summary>
    public string? DataUrl { get; init; }
}

/// <summary>One file the planner considered (or refused), with its decision explained.</summary>
public sealed record ManifestFile(string Path, double Relevance, string Form, int Tokens, IReadOnlyList<string> Reasons, string Why)
{
    public int? SourceTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ManifestSlice>? Slices { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int MaskedSecrets { get; init; }
}

public sealed record ManifestSlice(int StartLine, int EndLine, string Form, int Tokens);

/// <param name="MaskedValues">Secret-looking values masked in carried text and pages, by rule.</param>
/// <param name="ExcludedFiles">Files left out because they look like secrets.</param>
public sealed record ManifestSecrets(IReadOnlyDictionary<string, int> MaskedValues, int ExcludedFiles);
