using CodeContext.Rendering.Costs;

namespace CodeContext.Rendering.Profiles;

/// <summary>One model's row of the profile table (Profiles/profiles.json).</summary>
public sealed record ModelProfile
{
    public required string Id { get; init; }
    public required string Description { get; init; }

    /// <summary>The page size the renderer produces: the model's native input, so nothing is resampled.</summary>
    public required PageGeometry Page { get; init; }

    public required CostSpec Cost { get; init; }

    /// <summary>deepseek-v3 | o200k_base | cl100k_base.</summary>
    public required string Tokenizer { get; init; }

    /// <summary>False: pages are Gray8 (colour costs the same tokens but adds nothing the encoder uses).</summary>
    public bool Color { get; init; }

    public required ImagePlacement Image { get; init; }

    /// <summary>Prompt text around the images; <c>{images}</c> and <c>{prompt}</c> are substituted.</summary>
    public required string PromptWrapper { get; init; }

    /// <summary>Density levels L1..L4, calibrated per profile.</summary>
    public required IReadOnlyDictionary<string, DensityLevel> Levels { get; init; }

    public string? Notes { get; init; }
}

public sealed record PageGeometry(int Width, int Height);

/// <summary>How an image enters a prompt: a placeholder token in raw prompts, or an API content part.</summary>
/// <param name="Placeholder">Token text standing for the image in a raw prompt (null: the API places it).</param>
/// <param name="ContentPart">Content-part type of the chat API (image_url for OpenAI-compatible servers, image for Anthropic).</param>
/// <param name="Detail">OpenAI image detail when the price depends on it.</param>
public sealed record ImagePlacement(string? Placeholder, string ContentPart, string? Detail = null);

/// <summary>
/// Render settings of one density level and what the benchmark measured for them, so the planner
/// reads fidelity from data, not from guesses.
/// </summary>
public sealed record DensityLevel
{
    public required string Font { get; init; }
    public required float FontSize { get; init; }
    public required float LineHeight { get; init; }
    /// <summary>
    /// Text tokens per vision token this level was calibrated to reach; null where the model's
    /// image price makes the ladder's targets unreachable at legible sizes and the level is
    /// defined by glyph size alone.
    /// </summary>
    public double? TargetCompression { get; init; }

    /// <summary>
    /// Largest share of rows that may be wrapped continuations when the layout narrows columns to
    /// fit more of them: denser levels trade some wrapping for more text per page.
    /// </summary>
    public double MaxWrapShare { get; init; } = 0.08;

    /// <summary>Text tokens per vision token measured on real C# (bench/legibility).</summary>
    public double? MeasuredCompression { get; init; }

    /// <summary>Tesseract character error rate at this glyph size (bench/legibility); 0..1.</summary>
    public double? MeasuredCer { get; init; }

    /// <summary>1 - CER when measured: what fraction of characters a reader recovers.</summary>
    public double Fidelity => MeasuredCer is { } cer ? Math.Max(0, 1 - cer) : double.NaN;
}
