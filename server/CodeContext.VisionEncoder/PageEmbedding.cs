namespace CodeContext.VisionEncoder;

/// <summary>
/// One page's vision-token embeddings: [Tokens, Dim] row-major, exactly the placeholder sequence the
/// decoder consumes (tiles with newlines, the global view with newlines, the view separator).
/// </summary>
public sealed record PageEmbedding(string PageHash, string Mode, int Tokens, int Dim, float[] Values, bool FromCache)
{
    public ReadOnlySpan<float> Token(int index) => Values.AsSpan(index * Dim, Dim);
}
