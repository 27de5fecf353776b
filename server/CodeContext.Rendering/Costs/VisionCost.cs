namespace CodeContext.Rendering.Costs;

/// <summary>
/// What one image costs a model and what the model actually looks at: the resized/padded
/// geometry of its main view and, when tiled, the tile grid.
/// </summary>
/// <param name="Tokens">Prompt tokens the image occupies, every newline/separator/wrapper token included.</param>
/// <param name="SeenWidth">Width of the view the encoder receives (after resizing/padding).</param>
/// <param name="SeenHeight">Height of that view.</param>
/// <param name="ContentWidth">Width the image's own pixels occupy inside that view (less when padded).</param>
/// <param name="ContentHeight">Height the image's own pixels occupy inside that view.</param>
/// <param name="TilesWide">Tile columns (1 when not tiled).</param>
/// <param name="TilesHigh">Tile rows (1 when not tiled).</param>
/// <param name="Note">How the geometry was derived, for people reading `cost` output.</param>
public sealed record VisionCost(
    int Tokens,
    int SeenWidth,
    int SeenHeight,
    int ContentWidth,
    int ContentHeight,
    int TilesWide,
    int TilesHigh,
    string Note);
