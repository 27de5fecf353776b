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
    private const int MaxRepairRounds = 40;
    private const int CalibrationRounds = 3;
    private const int MaxTopUps = 3;

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
        var settings = PlannerSettings.Default;
        var workspace = analysis.Workspace;
        var active = workspace.ResolveActive(request.ActivePath);
        var ranked = await session.RankAsync(analysis, request, ct).ConfigureAwait(false);
        Stage(clock, $"ranked {ranked.Count} files");
        var top = ranked.Count == 0 ? 1 : Math.Max(1e-12, ranked.Max(r => r.Score));
        var relevance = ranked.ToDictionary(r => r.Path, r => new FileRelevance(Math.Round(r.Score / top, 4), r.Reasons), StringComparer.Ordinal);

        // The document's text came in through the source gate: masked, with what was masked on record.
        var activeMasked = (await workspace.TextOfAsync(active, ct).ConfigureAwait(false)).ToString();
        var activeSecrets = workspace.Sources.FindingsFor(active.FullPath).Secrets;
        var instruction = request.Query?.Trim() ?? "";
        var activeSegment = ActiveSegment(profile, tokenizer, active.RelativePath, activeMasked, request.Cursor?.Line, instruction, request.Budget);

        Stage(clock, "active file");
        var others = workspace.Files.Where(f => f.RelativePath != active.RelativePath);
        var activeTerms = CandidateBuilder.TermsOf(activeMasked);
        var candidates = await session.CandidatesAsync(workspace, active, ranked, activeTerms, () => CandidateBuilder.BuildAsync(workspace, others, relevance, activeTerms, tokenizer, settings, cache, ct, session.Candidates)).ConfigureAwait(false);
        tokenizer.Save();
        Stage(clock, $"priced {candidates.Count} candidates");
        var inputs = PlanInputs.Of(profile, request.Budget, instruction, active.RelativePath, candidates);
        var estimator = session.Estimator(profile, candidates, inputs.Contents);
        var fixedTokens = PromptParts.CountText(PromptParts.Build(profile, [activeSegment.Segment], instruction), tokenizer);
        var available = request.Budget - fixedTokens - tokenizer.CountTokens(SegmentText.IndexHeader);
        var memo = session.Layouts;

        if (Reuse(session.LastPlan, inputs, settings, tokenizer, candidates, activeSegment.Segment, instruction, request.Budget, memo) is not { } assembly)
        {
            var (fresh, planned) = Plan(profile, tokenizer, candidates, estimator, settings, activeSegment.Segment, instruction, request.Budget, available, fixedTokens, memo, ct);
            session.LastPlan = new PlanMemory(inputs, fresh, fresh.Snapshot());
            assembly = planned;
        }

        var planner = session.LastPlan!.Planner;
        Stage(clock, "planned");
        var pages = await RenderAsync(workspace, assembly.Layouts, profile, cache, session, ct).ConfigureAwait(false);
        Stage(clock, $"rendered {pages.Count} pages");
        var manifest = ManifestBuilder.Build(profile, request, active, activeSegment, activeSecrets, candidates, planner, assembly, pages, workspace, session.SecretFiles(workspace.RootDirectory, ct), tokenizer, session);
        Stage(clock, "manifest");
        // The prompt's text runs were counted too: the same request next time loads no tokenizer at all.
        tokenizer.Save();
        var pageList = pages.Select((p, i) => new KeyValuePair<string, byte[]>(PageFile(i), p.Png)).ToList();
        return new ContextPackage(manifest, pageList, assembly.Parts, profile, instruction, [.. assembly.Layouts.SelectMany(l => l.Layout.Fragments)]);
    }

    /// <summary>
    /// The previous plan, when it was made for the same request and candidate contents, no
    /// candidate's relevance moved by the planner's keep threshold or more, and it still fits with
    /// the active file as it is now. Keeping it while the developer types keeps the pages, and
    /// the prompt prefix, stable.
    /// </summary>
    private static Assembly? Reuse(PlanMemory? last, PlanInputs inputs, PlannerSettings settings, ITextTokenizer tokenizer, IReadOnlyList<Candidate> candidates, TextSegment active, string instruction, int budget, LevelLayoutMemo memo)
    {
        if (last is null || !last.Inputs.CloseTo(inputs, settings.KeepPlanWhileRelevanceMovesBelow))
        {
            return null;
        }

        // Same candidates and corrections: the planner's options are those it was made with, so the planner itself serves again.
        last.Planner.Restore(last.Decisions);
        var assembly = Assemble(last.Planner.Profile, tokenizer, candidates, last.Planner, active, instruction, memo, last.Inputs.Relevance);
        return assembly.Total <= budget ? assembly : null;
    }

    /// <summary>
    /// Plans with estimated page shares, lays out exactly, learns how far each level's estimate was
    /// off, and plans again; then undoes the weakest upgrades until the exact count fits.
    /// </summary>
    private static (BudgetPlanner, Assembly) Plan(ModelProfile profile, ITextTokenizer tokenizer, IReadOnlyList<Candidate> candidates, ImageCostEstimator estimator, PlannerSettings settings, TextSegment active, string instruction, int budget, int available, int fixedTokens, LevelLayoutMemo memo, CancellationToken ct)
    {
        estimator.Scale.Clear();
        BudgetPlanner planner = null!;
        Assembly assembly = null!;
        for (var calibration = 0; calibration < CalibrationRounds; calibration++)
        {
            planner = new BudgetPlanner(candidates, profile, estimator, settings);
            planner.Fill(available);
            assembly = Assemble(profile, tokenizer, candidates, planner, active, instruction, memo);
            Trace(assembly, planner, candidates, "plan");
            if (!Recalibrate(estimator, assembly, candidates))
            {
                break;
            }
        }

        // Exact cost differs from the estimate (a partly filled page, merges at joins): undo the weakest
        // upgrades while over, take more while a page's worth is left, and keep the fullest plan that fits.
        (Assembly Assembly, object Plan)? best = null;
        var demotions = 0;
        var topUps = 0;
        var pageTokens = Rendering.Costs.VisionCostCalculator.Compute(profile.Cost, profile.Page.Width, profile.Page.Height).Tokens;
        for (var round = 0; round < MaxRepairRounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            var ratio = Math.Max(0.2, planner.EstimatedCost / Math.Max(1, assembly.Total - fixedTokens));
            if (assembly.Total > budget)
            {
                if (!planner.Demote((assembly.Total - budget) * ratio * (1 + demotions++ * 0.25)))
                {
                    break;
                }
            }
            else
            {
                if (best is null || assembly.Total > best.Value.Assembly.Total)
                {
                    best = (assembly, planner.Snapshot());
                }

                var headroom = budget - assembly.Total;
                if (headroom < pageTokens || topUps++ >= MaxTopUps || planner.Fill(planner.EstimatedCost + headroom * ratio * 0.9) == 0)
                {
                    break;
                }
            }

            assembly = Assemble(profile, tokenizer, candidates, planner, active, instruction, memo);
            Trace(assembly, planner, candidates, assembly.Total > budget ? "over" : "fits");
        }

        if (best is null)
        {
            throw new InvalidOperationException($"could not fit the budget of {budget} tokens (the active file and wrapper alone cost {fixedTokens})");
        }

        planner.Restore(best.Value.Plan);
        return (planner, best.Value.Assembly);
    }

    /// <summary>Corrects each used level's estimate by actual/estimated; true when any moved by more than 10 %.</summary>
    private static bool Recalibrate(ImageCostEstimator estimator, Assembly assembly, IReadOnlyList<Candidate> candidates)
    {
        var changed = false;
        foreach (var (level, layout, items) in assembly.Layouts)
        {
            var estimated = items.Sum(i => estimator.Estimate(candidates[i], level));
            var actual = layout.Pages.Sum(p => p.Cost.Tokens + 1);
            var ratio = Math.Clamp(actual / Math.Max(1, estimated), 0.25, 8);
            if (Math.Abs(ratio - 1) > 0.1)
            {
                estimator.Scale[level] = estimator.Scale.GetValueOrDefault(level, 1) * ratio;
                changed = true;
            }
        }

        return changed;
    }

    private static void Stage(System.Diagnostics.Stopwatch clock, string what)
    {
        if (Environment.GetEnvironmentVariable("CODECONTEXT_TRACE_PLAN") is not null)
        {
            Console.Error.WriteLine($"{clock.ElapsedMilliseconds,7} ms  {what}");
        }
    }

    private static void Trace(Assembly assembly, BudgetPlanner planner, IReadOnlyList<Candidate> candidates, string step)
    {
        if (Environment.GetEnvironmentVariable("CODECONTEXT_TRACE_PLAN") is null)
        {
            return;
        }

        var forms = Enumerable.Range(0, candidates.Count).GroupBy(planner.FormOf).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var layouts = assembly.Layouts.Select(l => $"{l.Level} {l.Layout.Pages.Count}p");
        Console.Error.WriteLine($"{step}: total {assembly.Total} (text {assembly.TextTokens}, vision {assembly.VisionTokens}); {string.Join(", ", forms)}; pages {string.Join(", ", layouts)}");
    }

    internal static string PageFile(int index) => $"pages/page-{index + 1:D3}.png";

    /// <summary>The active file's segment: all of it when it fits, else the largest window around the cursor that does.</summary>
    private static ActiveText ActiveSegment(ModelProfile profile, ITextTokenizer tokenizer, string path, string text, int? cursorLine, string instruction, int budget)
    {
        int Cost(TextSegment segment) => PromptParts.CountText(PromptParts.Build(profile, [segment], instruction), tokenizer);

        var whole = new TextSegment("active", SegmentText.Code(SegmentText.ActiveCaption(path, 1, 1, whole: true), text), path, 1, null);
        var source = SourceText.From(text);
        var lines = CandidateBuilder.LineCount(source);
        whole = whole with { EndLine = lines };
        if (Cost(whole) <= budget)
        {
            return new ActiveText(whole, 1, lines, true, text);
        }

        var center = Math.Clamp(cursorLine ?? 1, 1, lines);
        TextSegment Window(int half)
        {
            var start = Math.Max(1, center - half);
            var end = Math.Min(lines, start + 2 * half);
            start = Math.Max(1, Math.Min(start, end - 2 * half));
            var slice = CandidateBuilder.SliceOf(text, source, start, end);
            return new TextSegment("active", SegmentText.Code(SegmentText.ActiveCaption(path, start, end, whole: false), slice), path, start, end);
        }

        if (Cost(Window(0)) > budget)
        {
            throw new UserError($"budget {budget} is too small: the prompt wrapper, the question and one line of {path} already cost {Cost(Window(0))} tokens");
        }

        var (low, high) = (0, lines);
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Cost(Window(mid)) <= budget)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var best = Window(low);
        return new ActiveText(best, best.StartLine!.Value, best.EndLine!.Value, false, CandidateBuilder.SliceOf(text, source, best.StartLine!.Value, best.EndLine!.Value));
    }

    /// <summary>Segments in prompt order for the planner's current forms, with pages laid out and every token counted exactly.</summary>
    /// <param name="orderBy">Relevance to order segments by; a kept plan keeps the order it was laid out in (the relevance it was planned with), so its pages stay the same.</param>
    private static Assembly Assemble(ModelProfile profile, ITextTokenizer tokenizer, IReadOnlyList<Candidate> candidates, BudgetPlanner planner, TextSegment active, string instruction, LevelLayoutMemo memo, IReadOnlyList<double>? orderBy = null)
    {
        var forms = Enumerable.Range(0, candidates.Count).Select(planner.FormOf).ToArray();
        // Least relevant first within every group; groups from the lowest form to the highest.
        var order = Enumerable.Range(0, candidates.Count)
            .OrderBy(i => orderBy?[i] ?? candidates[i].Relevance).ThenBy(i => candidates[i].Path, StringComparer.Ordinal).ThenBy(i => candidates[i].Slice)
            .ToList();

        var segments = new List<PromptSegment>();
        var listed = order.Where(i => forms[i] == Form.Listed).ToList();
        if (listed.Count > 0)
        {
            var index = SegmentText.IndexHeader + string.Concat(listed.OrderBy(i => candidates[i].Path, StringComparer.Ordinal).Select(i => candidates[i].ListedLine));
            segments.Add(new TextSegment("index", index));
        }

        var layouts = new List<(Form Level, PageLayout Layout, List<int> Items)>();
        var pageCount = 0;
        foreach (var level in new[] { Form.L4, Form.L3, Form.L2, Form.L1 })
        {
            // Slices of one file stay together and in line order, so a page reads like the file.
            var items = order.Where(i => forms[i] == level).GroupBy(i => candidates[i].Path).SelectMany(g => g.OrderBy(i => candidates[i].Slice)).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var onLevel = items.Select(i => candidates[i]).ToList();
            var layout = memo.Get(profile.Id, level, onLevel, () => PageRenderer.Measure(
                [.. onLevel.Select(memo.FragmentOf)], new RenderRequest { Profile = profile, Level = FormNames.Level(level) }));
            layouts.Add((level, layout, items));
            foreach (var page in layout.Pages)
            {
                segments.Add(new ImageSegment(FormNames.Level(level), pageCount++, page.Cost.Tokens));
            }
        }

        foreach (var i in order.Where(i => forms[i] == Form.Outline))
        {
            var c = candidates[i];
            segments.Add(new TextSegment("outline", c.OutlineSegment!, c.Path, c.StartLine, c.EndLine));
        }

        foreach (var i in order.Where(i => forms[i] == Form.Text))
        {
            var c = candidates[i];
            segments.Add(new TextSegment("text", c.TextSegment, c.Path, c.StartLine, c.EndLine));
        }

        segments.Add(active);
        if (instruction.Length > 0)
        {
            // The question is the wrapper's {prompt}; it is listed as a segment so readers see it, but counted once.
            segments.Add(new TextSegment("instruction", instruction));
        }

        var parts = PromptParts.Build(profile, [.. segments.Where(s => s is not TextSegment { Role: "instruction" })], instruction);
        var text = PromptParts.CountText(parts, tokenizer);
        var vision = segments.OfType<ImageSegment>().Sum(s => s.Tokens);
        return new Assembly(segments, parts, layouts, text, vision);
    }

    internal static SourceFragment Fragment(Candidate c, IReadOnlyList<CodeSpan> spans) => new(c.Path, c.StartLine, c.EndLine, c.Text, spans);

    /// <summary>Rasterises each level's pages: from the session when the level's layout is unchanged, else from the page cache when the same fragments were rendered before.</summary>
    private static async Task<IReadOnlyList<RenderedPage>> RenderAsync(Analyzers.Loading.LoadedWorkspace workspace, IReadOnlyList<(Form Level, PageLayout Layout, List<int> Items)> layouts, ModelProfile profile, CacheDirectory? cache, ComposeSession session, CancellationToken ct)
    {
        var pageCache = new PageCache(cache);
        var result = new List<RenderedPage>();
        foreach (var (level, layout, _) in layouts)
        {
            var pages = session.PagesOf(layout);
            if (pages is null)
            {
                var request = new RenderRequest { Profile = profile, Level = FormNames.Level(level) };
                // The key leaves spans out: for one theme they are a function of the text, and a
                // theme that needs no semantic spans draws pages from syntactic spans that are
                // pixel-identical to those from Roslyn's (the classifiers agree exactly on every
                // kind such a theme colours), so a page cached by either serves both.
                var key = PageCache.KeyOf(profile.Id, request.Level, request.Theme, layout.Fragments);
                pages = pageCache.TryGet(key);
                if (pages is null || pages.Count != layout.Pages.Count)
                {
                    var semantic = Rendering.Themes.ThemeCatalog.For(profile, request.Theme).NeedsSemanticSpans;
                    var classified = await ClassifyAsync(workspace, layout.Fragments, session, semantic, ct).ConfigureAwait(false);
                    pages = PageRenderer.Render(classified, request);
                    pageCache.Put(key, pages);
                }

                session.RememberPages(layout, pages);
            }

            result.AddRange(pages);
        }

        return result;
    }

    /// <summary>
    /// Colours for each fragment (spans of the masked text: masking keeps offsets), from the
    /// session while a file's text is unchanged: semantic ones where the theme needs them, else
    /// from the syntax tree alone, which never binds a method body.
    /// </summary>
    private static async Task<IReadOnlyList<SourceFragment>> ClassifyAsync(Analyzers.Loading.LoadedWorkspace workspace, IReadOnlyList<SourceFragment> fragments, ComposeSession session, bool semantic, CancellationToken ct)
    {
        var result = new SourceFragment[fragments.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, fragments.Count), new ParallelOptions { CancellationToken = ct }, async (i, token) =>
        {
            var fragment = fragments[i];
            var file = workspace.FindByRelativePath(fragment.RelativePath);
            if (file is null)
            {
                result[i] = fragment;
                return;
            }

            var document = workspace.GetDocument(file);
            var text = await document.GetTextAsync(token).ConfigureAwait(false);
            // Whole documents: the slices of one file and the next plan's other slices share them.
            var spans = semantic
                ? await SemanticSpansAsync(document, file.RelativePath, text, session, token).ConfigureAwait(false)
                : await SyntacticSpansAsync(document, file.RelativePath, text, session, token).ConfigureAwait(false);

            var from = text.Lines[fragment.StartLine - 1].Start;
            result[i] = fragment with { Spans = [.. spans.Select(s => new CodeSpan(s.Start - from, s.Length, s.Kind)).Where(s => s.Start >= 0 && s.End <= fragment.Text.Length)] };
        }).ConfigureAwait(false);
        return result;
    }

    private static async Task<IReadOnlyList<CodeSpan>> SemanticSpansAsync(Microsoft.CodeAnalysis.Document document, string path, SourceText text, ComposeSession session, CancellationToken ct)
    {
        var spans = session.ClassifiedSpans.TryGet(path, text);
        if (spans is null)
        {
            spans = await CodeClassifier.ClassifyAsync(document, ct).ConfigureAwait(false);
            session.ClassifiedSpans.Put(path, text, spans);
        }

        return spans;
    }

    // Kept apart from the semantic memo: that one is also on disk, where a colour page must never
    // find spans without symbol colours.
    private static async Task<IReadOnlyList<CodeSpan>> SyntacticSpansAsync(Microsoft.CodeAnalysis.Document document, string path, SourceText text, ComposeSession session, CancellationToken ct)
    {
        var spans = session.SyntacticSpans.TryGet(path, text);
        if (spans is null)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"{path} has no syntax tree");
            spans = SyntaxClassifier.Classify(root);
            session.SyntacticSpans.Put(path, text, spans);
        }

        return spans;
    }

    /// <param name="Source">The carried lines exactly as in the (masked) file.</param>
    internal sealed record ActiveText(TextSegment Segment, int StartLine, int EndLine, bool Whole, string Source);

    internal sealed record Assembly(
        IReadOnlyList<PromptSegment> Segments,
        IReadOnlyList<PromptPart> Parts,
        IReadOnlyList<(Form Level, PageLayout Layout, List<int> Items)> Layouts,
        int TextTokens,
        int VisionTokens)
    {
        public int Total => TextTokens + VisionTokens;
    }
}
