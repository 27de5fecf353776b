namespace CodeContext.Packing.Planning;

/// <summary>
/// The plan of one compose in a session: the session's last plan again while what it was made
/// for still holds (<see cref="ExactPlan.Reuse"/>), else a fresh exact plan, which the session
/// then remembers for the next compose.
/// </summary>
internal static class SessionPlan
{
    public static PlannedPrompt Make(PlanContext context, IReadOnlyList<Candidate> candidates, ActivePart active, ComposeSession session, CancellationToken ct)
    {
        context.Tokenizer.Save();
        context.Trace.Stage($"priced {candidates.Count} candidates");
        var inputs = PlanInputs.Of(context, active, candidates);
        if (ExactPlan.Reuse(session.LastPlan, inputs, context, candidates, active) is not { } assembly)
        {
            // Only a fresh plan prices the page geometry and the prompt's fixed text.
            var estimator = session.Estimator(context.Profile, candidates, inputs.Contents);
            var fixedTokens = PromptParts.CountText(PromptParts.Build(context.Profile, [active.Segment], active.Instruction), context.Tokenizer);
            var (fresh, planned) = ExactPlan.Plan(context, candidates, estimator, active, fixedTokens, ct);
            session.LastPlan = new PlanMemory(inputs, fresh, fresh.Snapshot());
            assembly = planned;
        }

        context.Trace.Stage("planned");
        return new PlannedPrompt(assembly, session.LastPlan!.Planner, session.LastPlan.Decisions);
    }
}

/// <summary>A plan and the prompt it assembles to.</summary>
/// <param name="Decisions">The planner's decisions (<see cref="BudgetPlanner.Snapshot"/>) as the session keeps them: a reused plan hands back the very same object.</param>
internal sealed record PlannedPrompt(PromptAssembly Assembly, BudgetPlanner Planner, PlannerDecisions Decisions);
