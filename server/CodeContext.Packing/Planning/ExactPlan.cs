namespace CodeContext.Packing.Planning;

/// <summary>
/// Turns candidates into a plan that fits the budget exactly: plan with estimated page shares, lay
/// out, learn how far each level's estimate was off, plan again; then repair until the exact count
/// fits. A previous plan is reused while the request and the candidates' contents are the same.
/// </summary>
internal static class ExactPlan
{
    private const int MaxRepairRounds = 40;
    private const int CalibrationRounds = 3;
    private const int MaxTopUps = 3;
    private const int BreadthAttempts = 4;

    /// <summary>
    /// The previous plan, when it was made for the same request and candidate contents, no
    /// candidate's relevance moved by the planner's keep threshold or more, and it still fits with
    /// the active file as it is now. Keeping it while the developer types keeps the pages, and
    /// the prompt prefix, stable.
    /// </summary>
    public static PromptAssembly? Reuse(PlanMemory? last, PlanInputs inputs, PlanContext context, IReadOnlyList<Candidate> candidates, ActivePart active)
    {
        if (last is null || !last.Inputs.CloseTo(inputs, context.Settings.KeepPlanWhileRelevanceMovesBelow))
        {
            return null;
        }

        // Same candidates and corrections: the planner's options are those it was made with, so the planner itself serves again.
        last.Planner.Restore(last.Decisions);
        var assembly = PromptAssembler.Assemble(context, candidates, last.Planner, active, last.Inputs.Relevance);
        return assembly.Total <= active.Budget ? assembly : null;
    }

    /// <summary>
    /// Plans with estimated page shares, lays out exactly, learns how far each level's estimate was
    /// off, and plans again; then undoes the weakest upgrades until the exact count fits.
    /// </summary>
    /// <param name="fixedTokens">What the wrapper, the active part and the question cost: no plan can spend them.</param>
    public static (BudgetPlanner, PromptAssembly) Plan(PlanContext context, IReadOnlyList<Candidate> candidates, ImageCostEstimator estimator, ActivePart active, int fixedTokens, CancellationToken ct)
    {
        var (profile, tokenizer, settings, _, _) = context;
        var budget = active.Budget;
        var available = budget - fixedTokens - tokenizer.CountTokens(SegmentText.IndexHeader);
        estimator.Scale.Clear();
        BudgetPlanner planner = null!;
        PromptAssembly assembly = null!;
        for (var calibration = 0; calibration < CalibrationRounds; calibration++)
        {
            planner = new BudgetPlanner(candidates, profile, estimator, settings);
            // Depth first (value per token), then breadth with what the share kept back.
            planner.Fill(available * (1 - settings.BreadthShare));
            if (settings.BreadthShare > 0)
            {
                planner.Spread(available);
            }

            assembly = PromptAssembler.Assemble(context, candidates, planner, active);
            Trace(context.Trace, assembly, planner, candidates, "plan");
            if (!Recalibrate(estimator, assembly, candidates))
            {
                break;
            }
        }

        // Exact cost differs from the estimate (a partly filled page, merges at joins): undo the weakest
        // upgrades while over, take more while a page's worth is left, and keep the fullest plan that fits.
        (PromptAssembly Assembly, PlannerDecisions Plan)? best = null;
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

            assembly = PromptAssembler.Assemble(context, candidates, planner, active);
            Trace(context.Trace, assembly, planner, candidates, assembly.Total > budget ? "over" : "fits");
        }

        if (best is null)
        {
            throw new InvalidOperationException($"could not fit the budget of {budget} tokens (the active file and wrapper alone cost {fixedTokens})");
        }

        planner.Restore(best.Value.Plan);
        var (fitted, fittedAssembly) = TextWhereCheaper(context, candidates, planner, best.Value.Assembly, active);
        return (fitted, Broaden(context, candidates, fitted, fittedAssembly, active));
    }

    /// <summary>
    /// Breadth last, on a plan that fits (<see cref="BudgetPlanner.Broaden"/>): the files it left out
    /// go on dense pages with the tokens left and those of the weakest L1-for-L2 upgrades. Kept only
    /// when the exact layout fits; else tried again holding back one more page (each level it touches
    /// may end on a partly filled page) and pricing a level it opened as its pages came out, and the
    /// plan without breadth stays if none fits.
    /// Nothing the depth plan carried is dropped.
    /// </summary>
    private static PromptAssembly Broaden(PlanContext context, IReadOnlyList<Candidate> candidates, BudgetPlanner planner, PromptAssembly assembly, ActivePart active)
    {
        var settings = context.Settings;
        if (settings.BreadthFidelity <= 0)
        {
            return assembly;
        }

        var depth = planner.Snapshot();
        var pageTokens = Rendering.Costs.VisionCostCalculator.Compute(context.Profile.Cost, context.Profile.Page.Width, context.Profile.Page.Height).Tokens;
        var correction = new Dictionary<Fidelity, double>();
        for (var attempt = 0; attempt < BreadthAttempts; attempt++)
        {
            // Each try holds back one more page: every level breadth touches may end on a partly filled page.
            var headroom = active.Budget - assembly.Total - attempt * (pageTokens + 1);
            if (planner.Broaden(headroom, settings.BreadthFidelity, settings.BreadthKeeps, pageTokens + 1, correction) == 0)
            {
                break;
            }

            var broad = PromptAssembler.Assemble(context, candidates, planner, active);
            Trace(context.Trace, broad, planner, candidates, "breadth");
            if (broad.Total <= active.Budget)
            {
                return broad;
            }

            // A level breadth opened was never laid out before: price it as its pages came out, when dearer than estimated.
            foreach (var (level, layout, items) in broad.Layouts.Where(l => assembly.Layouts.All(d => d.Level != l.Level)))
            {
                correction[level] = Math.Max(1, PageTokens(layout) / Math.Max(1, items.Sum(i => planner.OptionOf(i).Cost)));
            }

            planner.Restore(depth);
        }

        planner.Restore(depth);
        return assembly;
    }

    /// <summary>
    /// A level whose pages cost at least the text of everything on them (a page that ended up
    /// nearly empty, or a profile whose images are dear) carries that text instead: it is exact and
    /// costs no more. Estimates cannot see this; the exact layout can.
    /// </summary>
    private static (BudgetPlanner, PromptAssembly) TextWhereCheaper(PlanContext context, IReadOnlyList<Candidate> candidates, BudgetPlanner planner, PromptAssembly assembly, ActivePart active)
    {
        var budget = active.Budget;
        var dear = assembly.Layouts.Where(l => PageTokens(l.Layout) >= l.Items.Sum(i => candidates[i].TextTokens)).ToList();
        if (dear.Count == 0)
        {
            return (planner, assembly);
        }

        var plan = planner.Snapshot();
        foreach (var item in dear.SelectMany(l => l.Items))
        {
            planner.Promote(item, Fidelity.Text);
        }

        var promoted = PromptAssembler.Assemble(context, candidates, planner, active);
        Trace(context.Trace, promoted, planner, candidates, "text where cheaper");
        if (promoted.Total <= budget)
        {
            // What the text saved goes to the next best upgrades, once, if they still fit.
            var fitted = planner.Snapshot();
            if (planner.Fill(planner.EstimatedCost + (budget - promoted.Total) * 0.9) > 0)
            {
                var topped = PromptAssembler.Assemble(context, candidates, planner, active);
                if (topped.Total <= budget)
                {
                    return (planner, topped);
                }

                planner.Restore(fitted);
            }

            return (planner, promoted);
        }

        planner.Restore(plan);
        return (planner, assembly);
    }

    /// <summary>Corrects each used level's estimate by actual/estimated; true when any moved by more than 10 %.</summary>
    private static bool Recalibrate(ImageCostEstimator estimator, PromptAssembly assembly, IReadOnlyList<Candidate> candidates)
    {
        var changed = false;
        foreach (var (level, layout, items) in assembly.Layouts)
        {
            var estimated = items.Sum(i => estimator.Estimate(candidates[i], level));
            var actual = PageTokens(layout);
            var ratio = Math.Clamp(actual / Math.Max(1, estimated), 0.25, 8);
            if (Math.Abs(ratio - 1) > 0.1)
            {
                estimator.Scale[level] = estimator.Scale.GetValueOrDefault(level, 1) * ratio;
                changed = true;
            }
        }

        return changed;
    }
    /// <summary>What a level's pages cost in the prompt: each page's vision tokens and the token that separates it.</summary>
    private static int PageTokens(Rendering.Layout.PageLayout layout) => layout.Pages.Sum(p => p.Cost.Tokens + 1);

    private static void Trace(ComposeTrace trace, PromptAssembly assembly, BudgetPlanner planner, IReadOnlyList<Candidate> candidates, string step)
    {
        if (!trace.Enabled)
        {
            return;
        }

        var forms = Enumerable.Range(0, candidates.Count).GroupBy(planner.FormOf).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var layouts = assembly.Layouts.Select(l => $"{l.Level} {l.Layout.Pages.Count}p");
        trace.Line($"{step}: total {assembly.Total} (text {assembly.TextTokens}, vision {assembly.VisionTokens}); {string.Join(", ", forms)}; pages {string.Join(", ", layouts)}");
    }
}
