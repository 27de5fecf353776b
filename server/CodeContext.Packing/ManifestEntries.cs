using System.Globalization;
using CodeContext.Analyzers.Loading;
using CodeContext.Core.Secrets;
using CodeContext.Packing.Planning;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing;

/// <summary>The manifest's explained entry per file: the active file's, and every other file's form, tokens and why.</summary>
internal static class ManifestEntries
{
    /// <summary>The entry of the one active file (pack, serve); the rest of a windowed one, planned like another file, joins it as slices.</summary>
    public static ActiveEntries OneActive(ActiveSource activeFile, ActiveText active, IReadOnlyList<SecretFinding> activeSecrets, IReadOnlyList<Candidate> candidates, BudgetPlanner planner, ITextTokenizer tokenizer, IReadOnlyList<ManifestFile> others, Func<int, int> tokensOf)
    {
        var activePath = activeFile.RelativePath;
        var activeTokens = tokenizer.CountTokens(active.Segment.Text);
        var activeSource = tokenizer.CountTokens(active.Source);
        // The rest of a windowed active file was planned like another file: it is one entry with the window.
        var rest = others.FirstOrDefault(f => f.Path == activePath);
        var activeEntry = new ManifestFile(activePath, 1, "text", activeTokens, ["the active file"], active.Whole
            ? "the active file is always exact text"
            : rest is null
                ? $"the active file is always exact text; only lines {active.StartLine}-{active.EndLine} around the cursor fit the budget"
                : $"the active file is exact text in lines {active.StartLine}-{active.EndLine} around the cursor (its share of the budget); the rest: {rest.Why}")
        {
            SourceTokens = activeSource + (rest?.SourceTokens ?? 0),
            MaskedSecrets = activeSecrets.Count,
        };
        if (rest is not null)
        {
            activeEntry = activeEntry with
            {
                Tokens = activeTokens + rest.Tokens,
                Slices = [
                    new ManifestSlice(active.StartLine, active.EndLine, "text", activeTokens),
                    .. Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Path == activePath)
                        .Select(i => new ManifestSlice(candidates[i].StartLine, candidates[i].EndLine, FidelityNames.Name(planner.FormOf(i)), tokensOf(i))),
                ],
            };
        }

        return new ActiveEntries(
            new ManifestActive(activePath, active.StartLine, active.EndLine, active.Whole),
            [activeEntry],
            new HashSet<string>(StringComparer.Ordinal) { activePath },
            new FormTotals(1, activeSource, activeTokens),
            activeSecrets,
            [.. ActiveWarnings(activeFile, active, candidates.Any(c => c.Path == activePath))]);
    }

    /// <summary>What the context does not give of the active file, said plainly: it is what the model is asked about.</summary>
    private static IEnumerable<string> ActiveWarnings(ActiveSource source, ActiveText active, bool restOnLadder)
    {
        if (source.Limitation is { } limitation) yield return $"the active file {source.RelativePath} is not a context file ({limitation})";
        if (!active.Whole)
        {
            yield return restOnLadder
                ? $"the active file {source.RelativePath} is exact text only in lines {active.StartLine}-{active.EndLine} around the cursor; the rest of it goes as its slices in the files list say (text, outline or pages)"
                : $"the active file {source.RelativePath} is cut to lines {active.StartLine}-{active.EndLine}: the rest of it did not fit the budget and is not in this context";
        }
    }

    /// <summary>Every file but the active one: its form, tokens and why; secret and skipped files as excluded.</summary>
    public static List<ManifestFile> OtherFiles(ModelProfile profile, IReadOnlyList<Candidate> candidates, BudgetPlanner planner, LoadedWorkspace workspace, IReadOnlyList<SecretFile> secretFiles, Func<int, int> tokensOf)
    {
        var files = new List<ManifestFile>();
        foreach (var group in Enumerable.Range(0, candidates.Count).GroupBy(i => candidates[i].Path))
        {
            var items = group.ToList();
            var first = candidates[items[0]];
            var best = items.Select(planner.FormOf).Min();
            var relevance = items.Max(i => candidates[i].Relevance);
            var why = items.Count == 1
                ? Why(candidates[items[0]], planner, items[0], profile)
                : SliceWhy.Combine([.. items.Select(i => (candidates[i].StartLine, candidates[i].EndLine, Why(candidates[i], planner, i, profile)))]);
            files.Add(new ManifestFile(first.Path, Math.Round(relevance, 4), FidelityNames.Name(best), items.Sum(tokensOf), first.Reasons, why)
            {
                SourceTokens = items.Sum(i => candidates[i].SourceTokens),
                Slices = items.Count == 1 ? null : items.Select(i => new ManifestSlice(candidates[i].StartLine, candidates[i].EndLine, FidelityNames.Name(planner.FormOf(i)), tokensOf(i))).ToList(),
                MaskedSecrets = items.Sum(i => candidates[i].Secrets.Count),
            });
        }

        foreach (var secret in secretFiles)
        {
            files.Add(new ManifestFile(secret.RelativePath, 0, "excluded", 0, [secret.Reason], "looks like it holds secrets: never read into the context"));
        }

        foreach (var skipped in workspace.Skipped.Where(s => secretFiles.All(f => f.RelativePath != s.RelativePath)))
        {
            files.Add(new ManifestFile(skipped.RelativePath, 0, "excluded", 0, [skipped.Reason], "not context: " + skipped.Reason));
        }

        return files;
    }

    /// <summary>Why a candidate got its form rather than the next better one on its options' hull.</summary>
    private static string Why(Candidate c, BudgetPlanner planner, int item, ModelProfile profile)
    {
        var form = planner.FormOf(item);
        var hull = planner.HullOf(item);
        var current = planner.OptionOf(item);
        _ = profile;
        if (form == Fidelity.Text)
        {
            return c.DirectUse ? "exact text: declares what the active file uses, and it fit" : "exact text: the best form, and it fit";
        }

        var direct = c.DirectUse && form == Fidelity.Outline ? " (declares what the active file uses: its signatures exact)" : "";
        if (planner.IsSpread(item))
        {
            return $"{FidelityNames.Name(form)}{direct}: for breadth, one of the most relevant files the fill left out, at its cheapest dense form (planner.json breadthFidelity, breadthShare)";
        }

        var index = hull.ToList().FindIndex(o => o.Form == form);
        if (index + 1 >= hull.Count)
        {
            return $"{FidelityNames.Name(form)}: every better form costs more for less value";
        }

        var next = hull[index + 1];
        var extra = (next.Cost - current.Cost).ToString("0", CultureInfo.InvariantCulture);
        var slope = (next.Value - current.Value) / Math.Max(1e-9, next.Cost - current.Cost);
        var chosen = form == Fidelity.Excluded
            ? c.Relevance == 0 ? "left out (no link to the active file found)" : "left out"
            : FidelityNames.Name(form);
        if (planner.RefusedOf(item) is { } refused && refused.Form == next.Form)
        {
            return $"{chosen}{direct}: {FidelityNames.Name(next.Form)} needed about {extra} more tokens than were left";
        }

        return $"{chosen}{direct}: {FidelityNames.Name(next.Form)} would cost about {extra} more tokens, worth {slope:G3} per token at relevance {c.Relevance:0.###}, below this budget's cut-off {planner.CutOff:G3}";
    }
}

/// <summary>The active part's manifest entries, given the plan, every other file's entry and each candidate's tokens.</summary>
internal delegate ActiveEntries DescribeActive(PlannedPrompt plan, IReadOnlyList<ManifestFile> others, Func<int, int> tokensOf);

/// <summary>What the active part of a compose adds to the manifest: one active file, or summarize's map and changed files.</summary>
/// <param name="Paths">Files the active part carries: their entries among the others (a windowed file's rest) are dropped.</param>
/// <param name="Totals">The manifest's "active" form: files, plain-text tokens carried, tokens spent.</param>
internal sealed record ActiveEntries(
    ManifestActive Active,
    IReadOnlyList<ManifestFile> Files,
    IReadOnlySet<string> Paths,
    FormTotals Totals,
    IReadOnlyList<SecretFinding> Secrets,
    IReadOnlyList<string> Warnings);
