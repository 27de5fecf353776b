using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Planning;

/// <summary>The prompt for the planner's current forms: segments in order, pages laid out, every token counted exactly.</summary>
internal static class PromptAssembler
{
    /// <summary>Segments in prompt order for the planner's current forms, with pages laid out and every token counted exactly.</summary>
    /// <param name="orderBy">Relevance to order segments by; a kept plan keeps the order it was laid out in (the relevance it was planned with), so its pages stay the same.</param>
    public static PromptAssembly Assemble(PlanContext context, IReadOnlyList<Candidate> candidates, BudgetPlanner planner, ActivePart active, IReadOnlyList<double>? orderBy = null)
    {
        var (profile, tokenizer, _, memo, _) = context;
        var instruction = active.Instruction;
        var forms = Enumerable.Range(0, candidates.Count).Select(planner.FormOf).ToArray();
        // Least relevant first within every group; groups from the lowest form to the highest.
        var order = Enumerable.Range(0, candidates.Count)
            .OrderBy(i => orderBy?[i] ?? candidates[i].Relevance).ThenBy(i => candidates[i].Path, StringComparer.Ordinal).ThenBy(i => candidates[i].Slice)
            .ToList();

        var segments = new List<PromptSegment>();
        var listed = order.Where(i => forms[i] == Fidelity.Listed).ToList();
        if (listed.Count > 0)
        {
            var index = SegmentText.IndexHeader + string.Concat(listed.OrderBy(i => candidates[i].Path, StringComparer.Ordinal).Select(i => candidates[i].ListedLine));
            segments.Add(new TextSegment("index", index));
        }

        var layouts = new List<(Fidelity Level, PageLayout Layout, List<int> Items)>();
        var pageCount = 0;
        foreach (var level in new[] { Fidelity.L4, Fidelity.L3, Fidelity.L2, Fidelity.L1 })
        {
            // Slices of one file stay together and in line order, so a page reads like the file.
            var items = order.Where(i => forms[i] == level).GroupBy(i => candidates[i].Path).SelectMany(g => g.OrderBy(i => candidates[i].Slice)).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var onLevel = items.Select(i => candidates[i]).ToList();
            var layout = memo.Get(profile.Id, level, onLevel, () => PageRenderer.Measure(
                [.. onLevel.Select(c => memo.FragmentOf(c, level))], new RenderRequest { Profile = profile, Level = FidelityNames.Level(level) }));
            layouts.Add((level, layout, items));
            foreach (var page in layout.Pages)
            {
                segments.Add(new ImageSegment(FidelityNames.Level(level), pageCount++, page.Cost.Tokens));
            }
        }

        foreach (var i in order.Where(i => forms[i] == Fidelity.Outline))
        {
            var c = candidates[i];
            segments.Add(new TextSegment("outline", c.OutlineSegment!, c.Path, c.StartLine, c.EndLine));
        }

        foreach (var i in order.Where(i => forms[i] == Fidelity.Text))
        {
            var c = candidates[i];
            segments.Add(new TextSegment("text", c.TextSegment, c.Path, c.StartLine, c.EndLine));
        }

        segments.Add(active.Segment);
        if (instruction.Length > 0)
        {
            // The question is the wrapper's {prompt}; it is listed as a segment so readers see it, but counted once.
            segments.Add(new TextSegment("instruction", instruction));
        }

        var parts = PromptParts.Build(profile, [.. segments.Where(s => s is not TextSegment { Role: "instruction" })], instruction);
        var text = PromptParts.CountText(parts, tokenizer);
        var vision = segments.OfType<ImageSegment>().Sum(s => s.Tokens);
        return new PromptAssembly(segments, parts, layouts, text, vision);
    }
}

internal sealed record PromptAssembly(
    IReadOnlyList<PromptSegment> Segments,
    IReadOnlyList<PromptPart> Parts,
    IReadOnlyList<(Fidelity Level, PageLayout Layout, List<int> Items)> Layouts,
    int TextTokens,
    int VisionTokens)
{
    public int Total => TextTokens + VisionTokens;
}
