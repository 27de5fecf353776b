using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using CodeContext.Packing.Planning;

namespace CodeContext.Packing.Summary;

/// <summary>
/// Compose for summarize (<see cref="ComposeRequest.Set"/>): the same candidates, planner,
/// renderer and manifest as for one active file, with the solution map and the changed files in
/// the active file's place and the set's own ranking in place of the active file's.
/// </summary>
internal static class SetComposer
{
    public static async Task<ContextPackage> ComposeAsync(ComposeRun run, ActiveSet set, Analyzers.Graph.FileGraph graph, CancellationToken ct)
    {
        var (workspace, request, _, _, context) = run;
        var (profile, tokenizer, settings, _, trace) = context;
        var instruction = request.Query?.Trim() ?? "";
        var files = set.Changed.Select(c => workspace.FindByRelativePath(c.Path) ?? throw new UserError($"'{c.Path}' is not a C# file of the loaded codebase ({workspace.RootDirectory})")).ToList();
        var texts = new List<string>();
        foreach (var file in files)
        {
            // Documents came in through the source gate: masked, with what was masked on record.
            texts.Add((await workspace.GetDocument(file).GetTextAsync(ct).ConfigureAwait(false)).ToString());
        }

        var part = ActiveSetText.Build(tokenizer, set, texts, request.Budget, request.ActiveShare ?? settings.ActiveShare);
        var fixedTokens = PromptParts.CountText(PromptParts.Build(profile, [part.Segment], instruction), tokenizer);
        if (fixedTokens > request.Budget)
            throw new UserError($"budget {request.Budget} is too small: the prompt wrapper and {set.Title} already cost {fixedTokens} tokens");
        trace.Stage("active set");

        var carried = set.Changed.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        // What the changed code uses directly is worth exact forms, as for one active file.
        var direct = carried.SelectMany(path => DirectUses.Of(graph, path)).ToHashSet(StringComparer.Ordinal);
        var relevance = RelevanceScale.Of([.. set.Ranked.Where(r => !carried.Contains(r.Path))], direct);
        var candidates = await CandidateBuilder.BuildAsync(
            run, workspace.Files.Where(f => !carried.Contains(f.RelativePath)), relevance, CandidateBuilder.TermsOf(part.Segment.Text), ct).ConfigureAwait(false);
        var active = new ActivePart(part.Segment, instruction, request.Budget, set.Title);
        return await ContextPackager.PackAsync(run, candidates, active, (_, _, _) => Entries(set, part, files, workspace, tokenizer), ct).ConfigureAwait(false);
    }

    /// <summary>One entry per changed file (exact text, changed lines marked); the map is no file, so it only counts in the active totals.</summary>
    private static ActiveEntries Entries(ActiveSet set, ActiveSetPart part, IReadOnlyList<SourceFile> files, LoadedWorkspace workspace, Rendering.Tokenizers.ITextTokenizer tokenizer)
    {
        var secrets = files.SelectMany(f => workspace.Sources.FindingsFor(f.FullPath).Secrets).ToList();
        var entries = part.Files.Select((f, i) => new ManifestFile(f.File.Path, 1, "text", f.Tokens, [f.File.Reason], Why(f))
        {
            SourceTokens = f.SourceTokens,
            MaskedSecrets = workspace.Sources.FindingsFor(files[i].FullPath).Secrets.Count,
        }).ToList();
        var tokens = tokenizer.CountTokens(part.Segment.Text);
        var mapSource = tokens - part.Files.Sum(f => f.Tokens);
        var lines = part.Segment.Text.Count(c => c == '\n');
        var warnings = set.Notes.Concat(part.Files.Where(f => !f.Whole).Select(f => $"the changed file {f.File.Path} {Why(f)}")).ToList();
        return new ActiveEntries(
            new ManifestActive(set.Title, 1, lines, part.Files.All(f => f.Whole)),
            entries,
            entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal),
            new FormTotals(entries.Count, part.Files.Sum(f => f.SourceTokens) + mapSource, tokens),
            secrets,
            warnings);
    }

    private static string Why(ChangedText f) =>
        f.Whole ? "a changed file: always exact text, its changed lines marked +"
        : f.Cut ? "is cut: even its changed lines did not all fit its share of the budget; only the first ones are carried"
        : $"is exact text in its changed lines with {f.Context} lines of context around them: the whole file did not fit its share of the budget";
}
