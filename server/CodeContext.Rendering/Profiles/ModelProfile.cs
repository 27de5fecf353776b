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

    /// <summary>
    /// Tokens the model attends to, prompt and answer together (its maximum positions as served):
    /// a request must leave room for the answer inside it.
    /// </summary>
    public required int ContextWindow { get; init; }

    /// <summary>The answer's token limit when a caller names none.</summary>
    public required int MaxOutputTokens { get; init; }

    /// <summary>False: pages are Gray8 (colour costs the same tokens but adds nothing the encoder uses).</summary>
    public bool Color { get; init; }

    public required ImagePlacement Image { get; init; }

    /// <summary>How a request to this model is shaped: its API, the model id it is served as, extras.</summary>
    public required RequestSpec Request { get; init; }

    /// <summary>Prompt text around the images; <c>{images}</c> and <c>{prompt}</c> are substituted.</summary>
    public required string PromptWrapper { get; init; }

    /// <summary>Density levels L1..L4, calibrated per profile.</summary>
    public required IReadOnlyDictionary<string, DensityLevel> Levels { get; init; }

    public string? Notes { get; init; }
}

public sealed record PageGeometry(int Width, int Height);

/// <summary>The wire shape a model takes its prompt in (the endpoint decides only where it goes).</summary>
/// <param name="Api">openai-chat (chat completions: vLLM, SGLang, OpenAI) or anthropic-messages.</param>
/// <param name="Model">The model id as its usual server names it (overridable per endpoint).</param>
/// <param name="Tools">Whether the model is trained for tool calls (read_region is offered only then).</param>
/// <param name="Body">Fields added to the request body as they are (vLLM's DeepSeek-OCR recipe: n-gram logits processor arguments, special tokens kept).</param>
public sealed record RequestSpec(string Api, string Model, bool Tools, System.Text.Json.Nodes.JsonObject? Body = null);

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

    /// <summary>
    /// Glyph outline fitting: none | slight | normal | full. Full hinting with aliased edging snaps
    /// stems to whole pixels, which is what keeps small sizes readable (docs/benchmarks.md).
    /// </summary>
    public string Hinting { get; init; } = "slight";

    /// <summary>Greyscale antialiased glyph edges; false: aliased (binary) glyphs.</summary>
    public bool Antialias { get; init; } = true;

    /// <summary>Glyphs at quarter-pixel positions; false: every glyph starts on a whole pixel.</summary>
    public bool Subpixel { get; init; } = true;

    /// <summary>Cell advance rounded to whole pixels, so every glyph of a kind has the same pixels.</summary>
    public bool WholePixelCells { get; init; }

    /// <summary>Synthetic bold (thicker strokes survive small sizes better).</summary>
    public bool Embolden { get; init; }

    /// <summary>
    /// Width of one leading indentation space as a fraction of a cell: indentation is layout, so
    /// dense levels draw it narrower (still in proportion, so structure shows) and keep the cells
    /// for text. (Faint guides per level were read as '|' by the benchmark's reader.)
    /// </summary>
    public double IndentScale { get; init; } = 1;

    /// <summary>Height of an explicit empty line as a fraction of a row: it stays visible as a gap, at less cost.</summary>
    public double EmptyLineScale { get; init; } = 1;

    /// <summary>
    /// How a wrapped row is marked: "arrow" (a hooked arrow in the cell before it) or "shade" (the
    /// row's background tinted): a reader that transcribes marks as characters reads shade cleanly.
    /// </summary>
    public string ContinuationMark { get; init; } = "arrow";

    /// <summary>Line numbers allowed at this level (a request can still turn them off).</summary>
    public bool Gutter { get; init; } = true;

    /// <summary>Text tokens per vision token measured on real C# (bench/legibility).</summary>
    public double? MeasuredCompression { get; init; }

    /// <summary>Tesseract character error rate at this glyph size (bench/legibility); 0..1.</summary>
    public double? MeasuredCer { get; init; }

    /// <summary>
    /// Whether the planner may put files at this level. A level stays renderable either way
    /// (`render --level`); false where only a proxy reader (Tesseract) has read its glyph size and
    /// the model's own reading of text that small is unverified, so exact text, outlines and the
    /// sharper levels are the safer spend.
    /// </summary>
    public bool Planned { get; init; } = true;

    /// <summary>1 - CER when measured: what fraction of characters a reader recovers.</summary>
    public double Fidelity => MeasuredCer is { } cer ? Math.Max(0, 1 - cer) : double.NaN;
}
