using System.Runtime.CompilerServices;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core;
using CodeContext.Packing.Planning;
using CodeContext.Core.Secrets;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing;

/// <summary>
/// What a long-lived host (the server) keeps between composes of one workspace, so that a compose
/// after a small edit redoes only what the edit touched: the ranking of an unchanged snapshot,
/// candidates of unchanged files, layouts and pages of unchanged levels, the previous plan while
/// its inputs hold, the secret-file scan until files change on disk. Composes that share a
/// session run one at a time. A one-shot host (the CLI) uses a fresh session per compose. With a
/// cache directory, classified spans are also kept on disk for later runs.
/// </summary>
public sealed class ComposeSession(CacheDirectory? cache = null)
{
    private readonly Dictionary<string, CachedTokenCounter> _tokenizers = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<PageLayout, IReadOnlyList<RenderedPage>> _pages = [];
    private (RankKey Key, IReadOnlyList<RankedFile> Ranked)? _rank;
    // A reference, swapped whole: ForgetDisk runs on the protocol thread while a compose may read it.
    private SecretScan? _secretFiles;
    private (EstimatorKey Key, ImageCostEstimator Estimator)? _estimator;
    private (OtherFilesKey Key, IReadOnlyList<ManifestFile> Files)? _otherFiles;
    private CandidateMemory? _candidates;

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Where composes in this session report their long phases (rendering pages n/m). Null: not reported.</summary>
    public IProgress<Core.Progress.WorkProgress>? Progress { get; init; }

    /// <summary>Each file's priced candidates (relevance aside), while its text is unchanged.</summary>
    internal FileTextMemo<IReadOnlyList<Candidate>> Candidates { get; } = new();

    internal LevelLayoutMemo Layouts { get; } = new();

    /// <summary>The last plan and the inputs it was made for.</summary>
    internal PlanMemory? LastPlan { get; set; }

    /// <summary>The page geometry estimate for a set of candidates (by content): the same until a candidate's text changes.</summary>
    /// <param name="contents">The candidates' contents key (<see cref="PlanInputs.Contents"/>).</param>
    internal ImageCostEstimator Estimator(Rendering.Profiles.ModelProfile profile, IReadOnlyList<Candidate> candidates, string contents)
    {
        var key = new EstimatorKey(profile.Id, contents);
        if (_estimator is not { } last || last.Key != key)
        {
            last = (key, new ImageCostEstimator(profile, candidates));
            _estimator = last;
        }

        return last.Estimator.Fresh();
    }

    /// <summary>The manifest's entries for every file but the active one, while <paramref name="key"/> holds (<see cref="OtherFilesKey"/>).</summary>
    internal IReadOnlyList<ManifestFile> OtherFiles(OtherFilesKey key, Func<IReadOnlyList<ManifestFile>> build)
    {
        if (_otherFiles is { } last && last.Key == key)
        {
            return last.Files;
        }

        var files = build();
        _otherFiles = (key, files);
        return files;
    }

    /// <summary>
    /// The candidates of a request: the previous list again when the ranking is the very same,
    /// the active file's names are the same and no other document changed since; otherwise
    /// re-priced (from the pool where a file's text is unchanged).
    /// </summary>
    internal async Task<IReadOnlyList<Candidate>> CandidatesAsync(Analyzers.Loading.LoadedWorkspace workspace, Analyzers.Loading.ActiveSource active, IReadOnlyList<RankedFile> ranked, ISet<string> activeTerms, Func<Task<IReadOnlyList<Candidate>>> build)
    {
        if (_candidates is { } last && ReferenceEquals(last.Ranked, ranked) && last.Active == active.DocumentId && last.ActiveTerms.SetEquals(activeTerms) && OnlyChanged(last.Solution, workspace.Solution, active.DocumentId))
        {
            _candidates = last with { Solution = workspace.Solution };
            return last.List;
        }

        var list = await build().ConfigureAwait(false);
        _candidates = new CandidateMemory(workspace.Solution, ranked, active.DocumentId, activeTerms, list);
        return list;
    }

    private static bool OnlyChanged(Microsoft.CodeAnalysis.Solution before, Microsoft.CodeAnalysis.Solution after, Microsoft.CodeAnalysis.DocumentId? active)
    {
        if (ReferenceEquals(before, after))
        {
            return true;
        }

        var changes = after.GetChanges(before);
        if (changes.GetAddedProjects().Any() || changes.GetRemovedProjects().Any())
        {
            return false;
        }

        foreach (var project in changes.GetProjectChanges())
        {
            if (project.GetAddedDocuments().Any() || project.GetRemovedDocuments().Any() || project.GetChangedDocuments().Any(id => id != active))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Files may have appeared, changed or gone on disk: scan for secret files again.</summary>
    public void ForgetDisk() => Volatile.Write(ref _secretFiles, null);

    /// <summary>Gets ready to compose for a profile while the codebase loads (a cold cache's tokenizer loads meanwhile).</summary>
    public void Prepare(string profileId) => TokenCounter(Rendering.Profiles.ProfileCatalog.Get(profileId).Tokenizer, cache).LoadInBackgroundIfCold();

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
        // does not see: such requests always rank. An active file outside the graph is ranked for
        // by its text, which no snapshot holds (a script edited on disk keeps the same ranker), so
        // its text is part of the key.
        var key = request.Cursor is null
            ? new RankKey(analysis.Ranker, string.Join('\n', [request.ActivePath, request.Query ?? "", request.HistoryBefore ?? "", await OutsideTextHashAsync(analysis, request.ActivePath, ct).ConfigureAwait(false), .. request.Recent]))
            : null;
        if (key is not null && _rank is { } last && last.Key == key)
        {
            return last.Ranked;
        }

        var (_, ranked) = await analysis.RankAsync(request.ActivePath, request.Cursor, request.Recent, request.Query, null, ct, request.HistoryBefore).ConfigureAwait(false);
        _rank = key is null ? null : (key, ranked);
        return ranked;
    }

    /// <summary>The content hash of an active file the graph does not hold (ranked by its text); empty for a context file.</summary>
    private static async Task<string> OutsideTextHashAsync(CodebaseAnalysis analysis, string activePath, CancellationToken ct)
    {
        var active = analysis.Workspace.ResolveActive(activePath);
        return active.Limitation is null ? "" : ContentHash.Of((await analysis.Workspace.TextOfAsync(active, ct).ConfigureAwait(false)).ToString());
    }

    internal IReadOnlyList<SecretFile> SecretFiles(string root, CancellationToken ct)
    {
        if (Volatile.Read(ref _secretFiles) is not { } known || known.Root != root)
        {
            known = new SecretScan(root, SecretFileFinder.Find(root, ct));
            Volatile.Write(ref _secretFiles, known);
        }

        return known.Files;
    }

    /// <summary>
    /// A document's semantically classified spans while its text is unchanged. Semantic colours of
    /// one file can in principle change when another file changes (a name that became a type);
    /// keeping them until the file itself changes is what makes re-rendering after a new plan cost
    /// pixels, not a semantic model per file. A host that composes for a profile which
    /// <see cref="NeedsSemanticSpans"/> hands this memo to the load (<see cref="Analyzers.Loading.LoadOptions.ClassifiedSpans"/>)
    /// so the graph walk fills it while each semantic model is bound. Composes for other profiles
    /// neither read nor fill it.
    /// </summary>
    public Analyzers.Classification.ClassificationMemo ClassifiedSpans { get; } = new(cache);

    /// <summary>Spans from each document's syntax alone, for themes that need nothing more; cheap, so memory only.</summary>
    internal FileTextMemo<IReadOnlyList<CodeSpan>> SyntacticSpans { get; } = new();

    /// <summary>
    /// Whether pages for <paramref name="profileId"/> (in its default theme) are coloured from
    /// semantic spans. When not (every grayscale profile), classifying during the load only
    /// spends time: a host should then not hand <see cref="ClassifiedSpans"/> to the load.
    /// </summary>
    public static bool NeedsSemanticSpans(string profileId) =>
        Rendering.Themes.ThemeCatalog.For(Rendering.Profiles.ProfileCatalog.Get(profileId), null).NeedsSemanticSpans;

    internal IReadOnlyList<RenderedPage>? PagesOf(PageLayout layout) => _pages.TryGetValue(layout, out var pages) ? pages : null;

    internal void RememberPages(PageLayout layout, IReadOnlyList<RenderedPage> pages) => _pages.AddOrUpdate(layout, pages);
}

internal sealed record SecretScan(string Root, IReadOnlyList<SecretFile> Files);

/// <summary>
/// The last candidate list and what it was built for. The ranking is compared by reference (a
/// re-rank gives a new list, and the ranking of an unchanged snapshot is the very same one); the
/// solution is compared by its changes, since an edit of the active file alone leaves the others'
/// candidates as they were.
/// </summary>
internal sealed record CandidateMemory(Microsoft.CodeAnalysis.Solution Solution, IReadOnlyList<RankedFile> Ranked, Microsoft.CodeAnalysis.DocumentId? Active, ISet<string> ActiveTerms, IReadOnlyList<Candidate> List);

/// <summary>A plan (the planner and its decisions) and the fingerprint of what it was planned for.</summary>
internal sealed record PlanMemory(PlanInputs Inputs, BudgetPlanner Planner, PlannerDecisions Decisions);

/// <summary>What a plan was made for: the request, every candidate's content, and their relevance.</summary>
internal sealed record PlanInputs(string Request, string Contents, double[] Relevance)
{
    public static PlanInputs Of(PlanContext context, ActivePart active, IReadOnlyList<Candidate> candidates) => new(
        string.Join('\n', context.Profile.Id, active.Budget.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Settings.BreadthShare.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Settings.BreadthFidelity.ToString(System.Globalization.CultureInfo.InvariantCulture), active.Key, active.Instruction),
        string.Join(',', candidates.Select(c => c.DirectUse ? $"{c.ContentId}d" : $"{c.ContentId}")),
        [.. candidates.Select(c => c.Relevance)]);

    /// <summary>Same request and contents, and no relevance moved by <paramref name="tolerance"/> or more (0: none moved at all).</summary>
    public bool CloseTo(PlanInputs other, double tolerance) =>
        Request == other.Request && Contents == other.Contents && Relevance.Length == other.Relevance.Length
        && Relevance.Zip(other.Relevance).All(p => p.First == p.Second || Math.Abs(p.First - p.Second) < tolerance);
}
