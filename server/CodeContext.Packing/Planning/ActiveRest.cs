using CodeContext.Core;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing.Planning;

/// <summary>
/// What of a large active file lies outside its window: its member-boundary slices, offered to the
/// planner as the most relevant candidates of all, so the rest of the file the developer is in goes
/// down the same ladder (text, outline, pages) as everything else instead of vanishing.
/// </summary>
internal static class ActiveRest
{
    private static readonly IReadOnlyList<string> Reasons = ["the rest of the active file, outside the window around the cursor"];

    public static IEnumerable<Candidate> Candidates(ComposeRun run, string path, string text, ActiveText window, ISet<string> activeTerms, CancellationToken ct)
    {
        if (window.Whole) return [];
        // Slices wholly inside the window are left out: it carries them exactly. A slice the window's
        // edge cuts stays whole, so no line of the file is lost (a few appear twice).
        return CandidateBuilder.ForFile(path, text, new FileRelevance(1, Reasons), activeTerms, run.Plan.Tokenizer, run.Plan.Settings, run.Cache, ct)
            .Where(c => c.StartLine < window.StartLine || c.EndLine > window.EndLine)
            .Select(c => c with { Relevance = 1 });
    }
}
