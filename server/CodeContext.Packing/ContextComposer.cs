using CodeContext.Analyzers;
using CodeContext.Core;
using CodeContext.Packing.Planning;
using CodeContext.Rendering.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeContext.Packing;

/// <summary>
/// The package stage's entry: rank, plan under the hard budget, render, and assemble the ordered
/// prompt with exact accounting. Least relevant material comes first, the active file and the
/// question last. This class only gathers one active file's part and candidates; the steps that
/// every compose shares live under Planning/ (<see cref="SessionPlan"/>, <see cref="ExactPlan"/>,
/// <see cref="PromptAssembler"/>) and Bundle/ (<see cref="ContextPackager"/>), and summarize's
/// set goes to <see cref="Summary.SetComposer"/>.
/// </summary>
/// <param name="cache">Where tokens, candidates' facts and pages are kept between runs; null: nowhere.</param>
/// <param name="session">What a long-lived host keeps between composes; null: a fresh session for each compose.</param>
/// <param name="logger">Where stages and planning rounds are traced (debug level); null: nowhere.</param>
public sealed class ContextComposer(CacheDirectory? cache = null, ComposeSession? session = null, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<ContextPackage> ComposeAsync(CodebaseAnalysis analysis, ComposeRequest request, CancellationToken ct)
    {
        var composeSession = session ?? new ComposeSession();
        await composeSession.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await ComposeInSessionAsync(analysis, request, composeSession, ct).ConfigureAwait(false);
        }
        finally
        {
            composeSession.Gate.Release();
        }
    }

    private async Task<ContextPackage> ComposeInSessionAsync(CodebaseAnalysis analysis, ComposeRequest request, ComposeSession composeSession, CancellationToken ct)
    {
        var profile = ProfileCatalog.Get(request.Profile);
        if (request.Budget <= 0)
        {
            throw new UserError($"--budget must be positive, got {request.Budget}");
        }

        var trace = new ComposeTrace(_logger);
        var tokenizer = composeSession.TokenCounter(profile.Tokenizer, cache);
        var settings = request.BreadthShare is { } breadth ? PlannerSettings.Default with { BreadthShare = breadth } : PlannerSettings.Default;
        settings = request.BreadthFidelity is { } worth ? settings with { BreadthFidelity = worth } : settings;
        var run = new ComposeRun(analysis.Workspace, request, cache, composeSession, new PlanContext(profile, tokenizer, settings, composeSession.Layouts, trace));
        return request.Set is { } set
            ? await Summary.SetComposer.ComposeAsync(run, set, analysis.Graph, ct).ConfigureAwait(false)
            : await ComposeOneActiveAsync(run, analysis, ct).ConfigureAwait(false);
    }

    private static async Task<ContextPackage> ComposeOneActiveAsync(ComposeRun run, CodebaseAnalysis analysis, CancellationToken ct)
    {
        var (workspace, request, _, session, context) = run;
        var (profile, tokenizer, settings, _, trace) = context;
        var active = workspace.ResolveActive(request.ActivePath);
        var ranked = await session.RankAsync(analysis, request, ct).ConfigureAwait(false);
        trace.Stage($"ranked {ranked.Count} files");
        var relevance = RelevanceScale.Of(ranked, DirectUses.Of(analysis.Graph, active.RelativePath));

        // The document's text came in through the source gate: masked, with what was masked on record.
        var activeMasked = (await workspace.TextOfAsync(active, ct).ConfigureAwait(false)).ToString();
        var activeSecrets = workspace.Sources.FindingsFor(active.FullPath).Secrets;
        var instruction = request.Query?.Trim() ?? "";
        // A file too small to be sliced has no rest to put on the ladder: cutting it would only lose
        // lines, so by default it keeps the whole budget as before.
        var share = request.ActiveShare ?? (tokenizer.CountTokens(activeMasked) > settings.SliceAboveTokens ? settings.ActiveShare : 1);
        var activeSegment = ActiveWindow.Of(profile, tokenizer, active.RelativePath, activeMasked, request.Cursor?.Line, instruction, request.Budget, share);

        trace.Stage("active file");
        var others = workspace.Files.Where(f => f.RelativePath != active.RelativePath);
        var activeTerms = CandidateBuilder.TermsOf(activeMasked);
        var candidates = await session.CandidatesAsync(workspace, active, ranked, activeTerms, () => CandidateBuilder.BuildAsync(run, others, relevance, activeTerms, ct)).ConfigureAwait(false);
        candidates = [.. candidates, .. ActiveRest.Candidates(run, active.RelativePath, activeMasked, activeSegment, activeTerms, ct)];
        var part = new ActivePart(activeSegment.Segment, instruction, request.Budget, active.RelativePath);
        return await ContextPackager.PackAsync(
            run, candidates, part, (plan, otherFiles, tokensOf) => ManifestEntries.OneActive(active, activeSegment, activeSecrets, candidates, plan.Planner, tokenizer, otherFiles, tokensOf), ct).ConfigureAwait(false);
    }
}
