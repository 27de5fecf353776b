using System.Runtime.CompilerServices;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;
using CodeContext.Packing.Planning;
using CodeContext.Packing.Secrets;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing;

/// <summary>
/// What a long-lived host (the server) keeps between composes of one workspace, so that a compose
/// after a small edit redoes only what the edit touched: the ranking of an unchanged snapshot,
/// candidates of unchanged files, layouts and pages of unchanged levels, the previous plan while
/// its inputs hold, the secret-file scan until files change on disk. Composes that share a
/// session run one at a time. A one-shot host (the CLI) uses a fresh session per compose.
/// </summary>
public sealed class ComposeSession
{
    private readonly Dictionary<string, CachedTokenCounter> _tokenizers = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<PageLayout, IReadOnlyList<RenderedPage>> _pages = [];
    private (FileRanker Ranker, string Key, IReadOnlyList<RankedFile> Ranked)? _rank;
    private (string Root, IReadOnlyList<SecretFile> Files)? _secretFiles;
    private (string Key, ImageCostEstimator Estimator)? _estimator;

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    internal CandidatePool Candidates { get; } = new();

    internal LevelLayoutMemo Layouts { get; } = new();

    /// <summary>The last plan and the inputs it was made for.</summary>
    internal PlanMemory? LastPlan { get; set; }

    /// <summary>The page geometry estimate for a set of candidates (by content): the same until a candidate's text changes.</summary>
    internal ImageCostEstimator Estimator(Rendering.Profiles.ModelProfile profile, IReadOnlyList<Candidate> candidates)
    {
        var key = profile.Id + ":" + string.Join(',', candidates.Select(c => c.ContentId));
        if (_estimator is not { } last || last.Key != key)
        {
            last = (key, new ImageCostEstimator(profile, candidates));
            _estimator = last;
        }

        return last.Estimator.Fresh();
    }

    /// <summary>Files may have appeared, changed or gone on disk: scan for secret files again.</summary>
    public void ForgetDisk() => _secretFiles = null;

    internal CachedTokenCounter TokenCounter(string tokenizer, CacheDirectory? cache)
    {
        if (!_tokenizers.TryGetValue(tokenizer, out var counter))
        {
            counter = new CachedTokenCounter(tokenizer, () => TokenizerCatalog.Get(tokenizer), cache);
            _tokenizers[tokenizer] = counter;
        }

        return counter;
    }

    /// <summary>The ranking for a request; an unchanged snapshot (same ranker) and request rank once.</summary>
    internal async Task<IReadOnlyList<RankedFile>> RankAsync(CodebaseAnalysis analysis, ComposeRequest request, CancellationToken ct)
    {
        // A cursor names a symbol in the current text, which a ranker reused across a comment edit
        // does not see: such requests always rank.
        var key = request.Cursor is null ? string.Join('\n', [request.ActivePath, request.Query ?? "", .. request.Recent]) : null;
        if (key is not null && _rank is { } last && ReferenceEquals(last.Ranker, analysis.Ranker) && last.Key == key)
        {
            return last.Ranked;
        }

        var (_, ranked) = await analysis.RankAsync(request.ActivePath, request.Cursor, request.Recent, request.Query, null, ct).ConfigureAwait(false);
        _rank = key is null ? null : (analysis.Ranker, key, ranked);
        return ranked;
    }

    internal IReadOnlyList<SecretFile> SecretFiles(string root, CancellationToken ct)
    {
        if (_secretFiles is not { } known || known.Root != root)
        {
            known = (root, SecretFileFinder.Find(root, ct));
            _secretFiles = known;
        }

        return known.Files;
    }

    internal IReadOnlyList<RenderedPage>? PagesOf(PageLayout layout) => _pages.TryGetValue(layout, out var pages) ? pages : null;

    internal void RememberPages(PageLayout layout, IReadOnlyList<RenderedPage> pages) => _pages.AddOrUpdate(layout, pages);
}

/// <summary>A plan (the planner's decisions and the estimator's corrections) and the fingerprint of what it was planned for.</summary>
internal sealed record PlanMemory(string Inputs, object Decisions, IReadOnlyDictionary<Form, double> Scale);
