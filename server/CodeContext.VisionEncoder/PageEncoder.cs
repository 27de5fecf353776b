using System.Diagnostics;
using CodeContext.Core;

namespace CodeContext.VisionEncoder;

/// <summary>What one encode call did.</summary>
public sealed record EncodeReport(IReadOnlyList<PageEmbedding> Pages, int CacheHits, int Encoded, string Provider, TimeSpan Elapsed)
{
    public double PagesPerSecond => Elapsed.TotalSeconds > 0 ? Pages.Count / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The encoder stage: pages -> vision-token embeddings, through the cache. Misses are pre-processed,
/// run through the view models in batches, assembled into DeepSeek-OCR's placeholder order (tiles,
/// global view, separator) and checked against the token formula before they are cached.
/// </summary>
public sealed class PageEncoder(EncoderModels models, EmbeddingCache? cache)
{
    public EncodeReport Encode(IReadOnlyList<PageImage> pages, DeepSeekOcrMode mode, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var clock = Stopwatch.StartNew();
        var globalModel = models.For(mode, mode.ImageSize);
        var tileModel = mode.Tiles ? models.For(mode, mode.TileSize) : null;
        var modelHash = tileModel is null ? globalModel.Hash : Core.ContentHash.Combine(globalModel.Hash, tileModel.Hash);

        var results = new PageEmbedding[pages.Count];
        var misses = new List<int>();
        for (var i = 0; i < pages.Count; i++)
        {
            if (cache is not null && cache.TryGet(pages[i].ContentHash, modelHash, mode.Name, out var hit)) results[i] = hit;
            else misses.Add(i);
        }

        foreach (var chunk in misses.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var prepared = PrepareAll(chunk.Select(i => pages[i]).ToArray(), mode, cancellationToken);
            var globals = RunAll(globalModel, [.. prepared.Select(p => p.GlobalView)], batchSize);
            var tiles = tileModel is null ? [] : RunAll(tileModel, [.. prepared.SelectMany(p => p.Tiles)], batchSize);
            var tileIndex = 0;
            for (var j = 0; j < chunk.Length; j++)
            {
                var page = pages[chunk[j]];
                var pageTiles = tiles.Skip(tileIndex).Take(prepared[j].Grid.Count).ToList();
                tileIndex += prepared[j].Grid.Count;
                var values = PlaceholderSequence.Assemble(prepared[j], globals[j], pageTiles, tileModel?.ImageSize ?? 0, globalModel.OutputDim);
                var tokens = values.Length / globalModel.OutputDim;
                if (tokens != prepared[j].ExpectedTokens)
                    throw new InvalidOperationException($"{page.Name}: encoder produced {tokens} tokens, the {mode.Name} formula says {prepared[j].ExpectedTokens}");
                var embedding = new PageEmbedding(page.ContentHash, mode.Name, tokens, globalModel.OutputDim, values, FromCache: false);
                cache?.Put(modelHash, embedding);
                results[chunk[j]] = embedding;
            }
        }
        return new EncodeReport(results, pages.Count - misses.Count, misses.Count, models.Provider, clock.Elapsed);
    }

    /// <summary>
    /// Decoding, resampling and normalising are CPU work per page while the GPU spends about 5 ms on a Base
    /// page in a batch (H200), so a chunk's pages are prepared in parallel rather than one after another.
    /// A bad page's <see cref="UserError"/> surfaces as itself, not wrapped.
    /// </summary>
    private static PreparedPage[] PrepareAll(PageImage[] pages, DeepSeekOcrMode mode, CancellationToken cancellationToken)
    {
        var prepared = new PreparedPage[pages.Length];
        try
        {
            Parallel.For(0, pages.Length, new ParallelOptions { CancellationToken = cancellationToken },
                i => prepared[i] = PagePreprocessor.Prepare(pages[i], mode));
        }
        catch (AggregateException error) when (error.InnerExceptions.OfType<UserError>().FirstOrDefault() is { } userError)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(userError);
        }
        return prepared;
    }

    private static List<float[]> RunAll(OnnxViewModel model, IReadOnlyList<float[]> views, int batchSize)
    {
        var outputs = new List<float[]>(views.Count);
        for (var start = 0; start < views.Count; start += batchSize)
            outputs.AddRange(model.Run([.. views.Skip(start).Take(batchSize)]));
        return outputs;
    }
}
