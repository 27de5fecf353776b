using System.Globalization;
using CodeContext.Analyzers.Loading;
using CodeContext.Packing.Planning;
using CodeContext.Core.Secrets;
using CodeContext.Rendering;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing;

/// <summary>Writes the plan's outcome into the manifest: segments in order, totals, and one explained entry per file.</summary>
internal static class ManifestBuilder
{
    /// <param name="describeActive">The active part's entries, given every other file's entry and each candidate's tokens.</param>
    public static Manifest Build(
        ModelProfile profile,
        ComposeRequest request,
        Func<IReadOnlyList<ManifestFile>, Func<int, int>, ActiveEntries> describeActive,
        IReadOnlyList<Candidate> candidates,
        BudgetPlanner planner,
        PromptAssembly assembly,
        IReadOnlyList<RenderedPage> pages,
        LoadedWorkspace workspace,
        IReadOnlyList<SecretFile> secretFiles,
        ITextTokenizer tokenizer,
        ComposeSession session)
    {
        var segments = new List<ManifestSegment>();
        foreach (var segment in assembly.Segments)
        {
            switch (segment)
            {
                case TextSegment text:
                    segments.Add(new ManifestSegment("text", text.Role, tokenizer.CountTokens(text.Text))
                    {
                        Path = text.Path,
                        StartLine = text.StartLine,
                        EndLine = text.EndLine,
                        Text = text.Text,
                    });
                    break;
                case ImageSegment image:
                    var page = pages[image.Page];
                    segments.Add(new ManifestSegment("image", image.Level, image.Tokens)
                    {
                        Image = new ManifestImage(ContextComposer.PageFile(image.Page), page.Width, page.Height),
                        Regions = page.Regions,
                    });
                    break;
            }
        }

        var imageTokens = ImageTokensPerCandidate(candidates, pages);
        int TokensOf(int i) => planner.FormOf(i) switch
        {
            Fidelity.Text => candidates[i].TextTokens,
            Fidelity.Outline => candidates[i].OutlineTokens,
            Fidelity.Listed => candidates[i].ListedTokens,
            Fidelity.Excluded => 0,
            _ => (int)Math.Round(imageTokens.GetValueOrDefault(i)),
        };

        var others = session.OtherFiles((candidates, session.LastPlan!.Decisions, pages, secretFiles), () => OtherFiles(profile, candidates, planner, workspace, secretFiles, TokensOf));
        var active = describeActive(others, TokensOf);
        var files = new List<ManifestFile>(active.Files);
        files.AddRange(others.Where(f => !active.Paths.Contains(f.Path)));

        var carried = Enumerable.Range(0, candidates.Count).Where(i => planner.FormOf(i) is not (Fidelity.Listed or Fidelity.Excluded)).ToList();
        var byForm = Enumerable.Range(0, candidates.Count)
            .GroupBy(planner.FormOf)
            .OrderBy(g => g.Key)
            .ToDictionary(
                g => FidelityNames.Name(g.Key),
                g => new FormTotals(g.Select(i => candidates[i].Path).Distinct().Count(), g.Sum(i => CarriedSource(candidates[i], g.Key)), g.Sum(TokensOf)));
        byForm["active"] = active.Totals;
        var sourceTokens = carried.Sum(i => CarriedSource(candidates[i], planner.FormOf(i))) + active.Totals.SourceTokens;
        var total = assembly.Total;
        var totals = new ManifestTotals(
            assembly.TextTokens,
            assembly.VisionTokens,
            total,
            sourceTokens,
            request.Budget - total,
            candidates.Sum(c => c.SourceTokens) + active.Totals.SourceTokens,
            Math.Round(sourceTokens / (double)Math.Max(1, total), 2),
            byForm);

        var masked = candidates.SelectMany(c => c.Secrets).Concat(active.Secrets)
            .GroupBy(s => s.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new Manifest
        {
            Profile = profile.Id,
            Tokenizer = profile.Tokenizer,
            Budget = request.Budget,
            Active = active.Active,
            Query = string.IsNullOrWhiteSpace(request.Query) ? null : request.Query.Trim(),
            Totals = totals,
            Segments = segments,
            Files = files,
            Secrets = new ManifestSecrets(masked, secretFiles.Count),
            Warnings = [.. active.Warnings, .. Warnings(workspace, files)],
            Fidelity = Enum.GetValues<Fidelity>().Where(f => f != Fidelity.Excluded).ToDictionary(
                FidelityNames.Name,
                f => new ManifestFidelity(Math.Round(f == Fidelity.Outline ? MeanOutlineFidelity(candidates) : PlannerSettings.Default.FidelityOf(f, profile), 3), FidelitySource(f, profile))),
        };
    }

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

    /// <summary>The source gate's notices for every file the context carries (in any form but excluded), one line each.</summary>
    private static IReadOnlyList<string> Warnings(LoadedWorkspace workspace, IReadOnlyList<ManifestFile> files)
    {
        var warnings = new List<string>();
        foreach (var file in files.Where(f => f.Form != "excluded"))
        {
            if (workspace.FindByRelativePath(file.Path) is not { } source) continue;
            foreach (var group in workspace.Sources.FindingsFor(source.FullPath).Notices.GroupBy(n => (n.Kind, n.Detail)))
            {
                var lines = string.Join(", ", group.Select(n => n.Line).Distinct().Take(5));
                warnings.Add(group.Key.Kind.StartsWith("mixed-script", StringComparison.Ordinal)
                    ? $"{file.Path} line {lines}: identifier '{group.Key.Detail}' mixes Latin with look-alike letters"
                    : $"{file.Path} line {lines}: {group.Key.Kind} {group.Key.Detail}, shown as \\u{group.Key.Detail[2..]} (it can make code read differently from how it compiles)");
            }
        }

        return warnings;
    }

    /// <summary>Every file but the active one: its form, tokens and why; secret and skipped files as excluded.</summary>
    internal static List<ManifestFile> OtherFiles(ModelProfile profile, IReadOnlyList<Candidate> candidates, BudgetPlanner planner, LoadedWorkspace workspace, IReadOnlyList<SecretFile> secretFiles, Func<int, int> tokensOf)
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

    /// <summary>Plain-text tokens a form carries: the whole source for text and pages, the outline itself for outlines.</summary>
    private static int CarriedSource(Candidate c, Fidelity form) => form switch
    {
        Fidelity.Listed or Fidelity.Excluded => 0,
        Fidelity.Outline => c.OutlineTokens,
        _ => c.SourceTokens,
    };

    private static double MeanOutlineFidelity(IReadOnlyList<Candidate> candidates) =>
        candidates.Where(c => c.OutlineSegment is not null).Select(PlannerSettings.Default.OutlineFidelityOf).DefaultIfEmpty(PlannerSettings.Default.OutlineFidelity).Average();

    private static string FidelitySource(Fidelity form, ModelProfile profile) => form switch
    {
        Fidelity.Text => "exact",
        Fidelity.Outline => "per file: the share of its code names the outline keeps, at most planner.json's outlineFidelity (the mean over this compose's outlines)",
        Fidelity.Listed => "planner setting",
        _ => PlannerSettings.IsMeasured(form, profile) ? "measured (profile table)" : "DeepSeek-OCR paper, Table 2 (not yet measured for this profile)",
    };

    /// <summary>A page's tokens shared among the fragments on it by the height they take.</summary>
    private static Dictionary<int, double> ImageTokensPerCandidate(IReadOnlyList<Candidate> candidates, IReadOnlyList<RenderedPage> pages)
    {
        var byPath = Enumerable.Range(0, candidates.Count).ToLookup(i => candidates[i].Path);
        var result = new Dictionary<int, double>();
        foreach (var page in pages)
        {
            var height = Math.Max(1, page.Regions.Sum(r => r.Height));
            foreach (var region in page.Regions)
            {
                var owner = byPath[region.Path].FirstOrDefault(i => candidates[i].StartLine <= region.StartLine && region.StartLine <= candidates[i].EndLine, -1);
                if (owner >= 0)
                {
                    result[owner] = result.GetValueOrDefault(owner) + page.VisionTokens * (double)region.Height / height;
                }
            }
        }

        return result;
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
            return $"{FidelityNames.Name(form)}{direct}: for breadth, one of the most relevant files the fill left out, at its cheapest dense form (planner.json breadthShare)";
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
