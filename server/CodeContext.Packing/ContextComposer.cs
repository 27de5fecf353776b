using CodeContext.Analyzers;
using CodeContext.Analyzers.Classification;
using CodeContext.Core;
using CodeContext.Packing.Planning;
using CodeContext.Core.Secrets;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Packing;

/// <summary>
/// The package stage's entry: rank, plan under the hard budget, render, and assemble the ordered
/// prompt with exact accounting. Least relevant material comes first, the active file and the
/// question last.
/// </summary>
public static class ContextComposer
{
    public static Task<ContextPackage> ComposeAsync(CodebaseAnalysis analysis, ComposeRequest request, CacheDirectory? cache, CancellationToken ct) =>
        ComposeAsync(analysis, request, cache, session: null, ct);

    /// <param name="session">What a long-lived host keeps between composes; null for a one-shot compose.</param>
    public static async Task<ContextPackage> ComposeAsync(CodebaseAnalysis analysis, ComposeRequest request, CacheDirectory? cache, ComposeSession? session, CancellationToken ct)
    {
        session ??= new ComposeSession();
        await session.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await ComposeInSessionAsync(analysis, request, cache, session, ct).ConfigureAwait(false);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private static async Task<ContextPackage> ComposeInSessionAsync(CodebaseAnalysis analysis, ComposeRequest request, CacheDirectory? cache, ComposeSession session, CancellationToken ct)
    {
        var profile = ProfileCatalog.Get(request.Profile);
        if (request.Budget <= 0)
        {
            throw new UserError($"--budget must be positive, got {request.Budget}");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tokenizer = session.TokenCounter(profile.Tokenizer, cache);
        var settings = request.BreadthShare is { } breadth ? PlannerSettings.Default with { BreadthShare = breadth } : PlannerSettings.Default;
        var workspace = analysis.Workspace;
        if (request.Set is { } set)
        {
            return await Summary.SetComposer.ComposeAsync(workspace, analysis.Graph, request, set, profile, tokenizer, settings, cache, session, clock, ct).ConfigureAwait(false);
        }

        var active = workspace.ResolveActive(request.ActivePath);
        var ranked = await session.RankAsync(analysis, request, ct).ConfigureAwait(false);
        Stage(clock, $"ranked {ranked.Count} files");
        var relevance = RelevanceOf(ranked, DirectUses.Of(analysis.Graph, active.RelativePath));

        // The document's text came in through the source gate: masked, with what was masked on record.
        var activeMasked = (await workspace.TextOfAsync(active, ct).ConfigureAwait(false)).ToString();
        var activeSecrets = workspace.Sources.FindingsFor(active.FullPath).Secrets;
        var instruction = request.Query?.Trim() ?? "";
        // A file too small to be sliced has no rest to put on the ladder: cutting it would only lose
        // lines, so by default it keeps the whole budget as before.
        var share = request.ActiveShare ?? (tokenizer.CountTokens(activeMasked) > settings.SliceAboveTokens ? settings.ActiveShare : 1);
        var activeSegment = ActiveWindow.Of(profile, tokenizer, active.RelativePath, activeMasked, request.Cursor?.Line, instruction, request.Budget, share);

        Stage(clock, "active file");
        var others = workspace.Files.Where(f => f.RelativePath != active.RelativePath);
        var activeTerms = CandidateBuilder.TermsOf(activeMasked);
        var candidates = await session.CandidatesAsync(workspace, active, ranked, activeTerms, () => CandidateBuilder.BuildAsync(workspace, others, relevance, activeTerms, tokenizer, settings, cache, ct, session.Candidates)).ConfigureAwait(false);
        candidates = [.. candidates, .. ActiveRest.Candidates(active.RelativePath, activeMasked, activeSegment, activeTerms, tokenizer, settings, cache, ct)];
        var (assembly, planner, pages) = await PlanAndRenderAsync(workspace, profile, tokenizer, settings, candidates, activeSegment.Segment, instruction, request.Budget, active.RelativePath, cache, session, clock, ct).ConfigureAwait(false);
        var manifest = ManifestBuilder.Build(
            profile, request, (others, tokensOf) => ManifestBuilder.OneActive(active, activeSegment, activeSecrets, candidates, planner, tokenizer, others, tokensOf),
            candidates, planner, assembly, pages, workspace, session.SecretFiles(workspace.RootDirectory, ct), tokenizer, session);
        return Package(manifest, assembly, pages, profile, instruction, tokenizer, clock);
    }

    /// <summary>Relevance on pack's scale: each file's score over the top one's, with its reasons.</summary>
    /// <param name="direct">Files the active part uses directly (<see cref="DirectUses"/>); null: none.</param>
    internal static Dictionary<string, FileRelevance> RelevanceOf(IReadOnlyList<Analyzers.Ranking.RankedFile> ranked, IReadOnlySet<string>? direct = null)
    {
        var top = ranked.Count == 0 ? 1 : Math.Max(1e-12, ranked.Max(r => r.Score));
        return ranked.ToDictionary(r => r.Path, r => new FileRelevance(Math.Round(r.Score / top, 4), r.Reasons, direct?.Contains(r.Path) == true), StringComparer.Ordinal);
    }

    /// <summary>Plans the candidates under the budget around the active segment (reusing the session's last plan while its inputs hold) and renders the pages.</summary>
    /// <param name="activeKey">What the active part is, for the plan's fingerprint.</param>
    internal static async Task<(PromptAssembly Assembly, BudgetPlanner Planner, IReadOnlyList<RenderedPage> Pages)> PlanAndRenderAsync(
        Analyzers.Loading.LoadedWorkspace workspace, ModelProfile profile, CachedTokenCounter tokenizer, PlannerSettings settings, IReadOnlyList<Candidate> candidates,
        TextSegment activeSegment, string instruction, int budget, string activeKey, CacheDirectory? cache, ComposeSession session, System.Diagnostics.Stopwatch clock, CancellationToken ct)
    {
        tokenizer.Save();
        Stage(clock, $"priced {candidates.Count} candidates");
        var inputs = PlanInputs.Of(profile, budget, instruction, activeKey, candidates, settings.BreadthShare);
        var estimator = session.Estimator(profile, candidates, inputs.Contents);
        var fixedTokens = PromptParts.CountText(PromptParts.Build(profile, [activeSegment], instruction), tokenizer);
        var available = budget - fixedTokens - tokenizer.CountTokens(SegmentText.IndexHeader);
        var memo = session.Layouts;

        if (ExactPlan.Reuse(session.LastPlan, inputs, settings, tokenizer, candidates, activeSegment, instruction, budget, memo) is not { } assembly)
        {
            var (fresh, planned) = ExactPlan.Plan(profile, tokenizer, candidates, estimator, settings, activeSegment, instruction, budget, available, fixedTokens, memo, ct);
            session.LastPlan = new PlanMemory(inputs, fresh, fresh.Snapshot());
            assembly = planned;
        }

        var planner = session.LastPlan!.Planner;
        Stage(clock, "planned");
        var pages = await ComposedPages.RenderAsync(workspace, assembly.Layouts, profile, cache, session, ct).ConfigureAwait(false);
        Stage(clock, $"rendered {pages.Count} pages");
        return (assembly, planner, pages);
    }

    internal static ContextPackage Package(Manifest manifest, PromptAssembly assembly, IReadOnlyList<RenderedPage> pages, ModelProfile profile, string instruction, CachedTokenCounter tokenizer, System.Diagnostics.Stopwatch clock)
    {
        Stage(clock, "manifest");
        // The prompt's text runs were counted too: the same request next time loads no tokenizer at all.
        tokenizer.Save();
        var pageList = pages.Select((p, i) => new KeyValuePair<string, byte[]>(PageFile(i), p.Png)).ToList();
        return new ContextPackage(manifest, pageList, assembly.Parts, profile, instruction, [.. assembly.Layouts.SelectMany(l => l.Layout.Fragments)]);
    }


    internal static void Stage(System.Diagnostics.Stopwatch clock, string what)
    {
        if (Environment.GetEnvironmentVariable("CODECONTEXT_TRACE_PLAN") is not null)
        {
            Console.Error.WriteLine($"{clock.ElapsedMilliseconds,7} ms  {what}");
        }
    }


    internal static string PageFile(int index) => $"pages/page-{index + 1:D3}.png";

    internal static SourceFragment Fragment(Candidate c, IReadOnlyList<CodeSpan> spans) => new(c.Path, c.PageStartLine, c.EndLine, c.PageText, spans) { LineNumbers = c.PageLines };
}
