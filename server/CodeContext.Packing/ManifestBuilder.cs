using CodeContext.Analyzers.Loading;
using CodeContext.Packing.Planning;
using CodeContext.Core.Secrets;
using CodeContext.Rendering;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing;

/// <summary>
/// Writes the plan's outcome into the manifest: segments in order, totals, fidelities and
/// warnings; the explained entry of each file comes from <see cref="ManifestEntries"/>.
/// </summary>
internal static class ManifestBuilder
{
    /// <param name="describeActive">The active part's entries, given every other file's entry and each candidate's tokens.</param>
    public static Manifest Build(ComposeRun run, IReadOnlyList<Candidate> candidates, PlannedPrompt plan, IReadOnlyList<RenderedPage> pages, IReadOnlyList<SecretFile> secretFiles, DescribeActive describeActive)
    {
        var (workspace, request, _, session, context) = run;
        var (profile, tokenizer, _, _, _) = context;
        var (assembly, planner, decisions) = plan;
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
                        Image = new ManifestImage(ContextPackager.PageFile(image.Page), page.Width, page.Height),
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

        var others = session.OtherFiles(new OtherFilesKey(candidates, decisions, pages, secretFiles), () => ManifestEntries.OtherFiles(profile, candidates, planner, workspace, secretFiles, TokensOf));
        var active = describeActive(plan, others, TokensOf);
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

}
