namespace CodeContext.Rendering.Costs;

/// <summary>
/// The numbers of one vision-token cost formula, read from the profile table. <see cref="Kind"/>
/// picks the formula; each formula reads only the fields it documents.
/// </summary>
public sealed record CostSpec
{
    /// <summary>deepseek-ocr | deepseek-ocr-2 | qwen-vl | openai-tiles | claude.</summary>
    public required string Kind { get; init; }

    // deepseek-ocr and deepseek-ocr-2: base_size, image_size, crop_mode and the tile-count limits of the inference code.
    public int BaseSize { get; init; }
    public int ImageSize { get; init; }
    public bool Crop { get; init; }
    public int MinTiles { get; init; } = 2;
    public int MaxTiles { get; init; } = 9;
    public int PatchSize { get; init; } = 16;
    public int DownsampleRatio { get; init; } = 4;

    // qwen-vl: smart_resize factor and pixel bounds, plus vision start/end tokens.
    public int Factor { get; init; } = 28;
    public long MinPixels { get; init; }
    public long MaxPixels { get; init; }
    public int WrapperTokens { get; init; }

    // openai-tiles: fit box, short-side target, tile size and prices.
    public int FitSize { get; init; } = 2048;
    public int ShortSide { get; init; } = 768;
    public int TileSize { get; init; } = 512;
    public int BaseTokens { get; init; } = 85;
    public int TileTokens { get; init; } = 170;

    // claude: long-edge cap, pixel cap (the ~1600-token rule) and pixels per token.
    public int LongEdgeMax { get; init; }
    public int PixelsPerToken { get; init; } = 750;
}
