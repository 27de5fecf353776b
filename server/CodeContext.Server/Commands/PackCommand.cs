using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Core.Output;
using CodeContext.Core.Progress;
using CodeContext.Packing;

namespace CodeContext.Server.Commands;

/// <summary>`codecontext pack`: the main job. Composes the best mixed context for a budget and writes the bundle.</summary>
internal static class PackCommand
{
    public static Command Create()
    {
        var shared = new SharedOptions();
        var active = new Option<string>("--active") { Description = "The file being worked on (kept as exact text).", Required = true };
        var cursor = new Option<string?>("--cursor") { Description = "LINE:COLUMN (1-based) of the cursor in the active file." };
        var recent = new Option<string[]>("--recent") { Description = "Recently edited files (comma-separated or repeated)." };
        var query = new Option<string?>("--query") { Description = "The developer's question; it goes last in the prompt." };
        var budget = SharedOptions.CreateBudgetOption();
        var profile = SharedOptions.CreateProfileOption();
        var outOption = new Option<string?>("--out") { Description = "Bundle folder: new, empty or an earlier bundle (replaced whole); never inside the codebase. Default: ./codecontext-bundle, or, run from inside the codebase, bundles/<name> in the cache directory." };
        var activeShare = new Option<double?>("--active-share") { Description = "Largest share of the budget (0..1) the active file takes as exact text; the rest of a larger file goes on the ladder (default: planner.json's activeShare, 0.4)." };
        var format = new Option<string>("--format") { Description = "What to print on stdout: summary or json (the manifest).", DefaultValueFactory = _ => "summary" };
        format.AcceptOnlyFromAmong("summary", "json");

        var command = new Command("pack", "Compose the best mixed text + page-image context for an active file under a token budget and write the bundle.");
        shared.AddTo(command);
        foreach (var option in new Option[] { shared.Analysis, active, cursor, recent, query, budget, profile, outOption, activeShare, format }) command.Options.Add(option);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var clock = Stopwatch.StartNew();
            var request = new ComposeRequest(result.GetValue(active)!)
            {
                Cursor = SharedOptions.ParseCursor(result.GetValue(cursor)),
                Recent = SharedOptions.SplitList(result.GetValue(recent)),
                Query = SharedOptions.ReadQuery(result, query),
                Budget = result.GetValue(budget),
                Profile = result.GetValue(profile)!,
                ActiveShare = result.GetValue(activeShare) switch
                {
                    { } share and (<= 0 or > 1) => throw new CodeContext.Core.UserError($"--active-share must be above 0 and at most 1, got {share}"),
                    var share => share,
                },
            };
            // Checked before loading: a refused folder should not cost the user the analysis first.
            var outArgument = result.GetValue(outOption);
            var cache = shared.Cache(result);
            var output = OutputFolder.Claim(outArgument ?? DefaultOut(result.GetValue(shared.Path)!, cache), outArgument is null ? "--out (default)" : "--out", result.GetValue(shared.Path)!);
            var progress = shared.Progress(result);
            TimeSpan loaded, composed;
            ContextPackage package;
            // The live bar is gone before the timings and the summary print.
            await using (progress)
            {
                var session = new ComposeSession(cache) { Progress = progress };
                session.Prepare(request.Profile);
                var focus = shared.Focus(result, new AnalysisFocus([request.ActivePath]) { Cursor = request.Cursor, Recent = request.Recent, Query = request.Query });
                var analysis = await CodebaseAnalysis.OpenAsync(result.GetValue(shared.Path)!, shared.LoadOptions(result, progress) with { ClassifiedSpans = ComposeSession.NeedsSemanticSpans(request.Profile) ? session.ClassifiedSpans : null, Focus = focus }, cache, ct).ConfigureAwait(false);
                loaded = clock.Elapsed;
                progress?.Report(WorkProgress.Starting("composing"));
                package = await ContextComposer.ComposeAsync(analysis, request, cache, session, ct).ConfigureAwait(false);
                composed = clock.Elapsed;
                progress?.Report(WorkProgress.Starting("writing the bundle"));
                await BundleWriter.WriteAsync(package, output, ct).ConfigureAwait(false);
            }

            if (cache is not null) SharedOptions.TrimCache(cache, result.GetValue(shared.Quiet));
            if (!result.GetValue(shared.Quiet))
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"codecontext: loaded and analysed in {loaded.TotalSeconds:0.0} s, composed in {(composed - loaded).TotalSeconds:0.0} s, wrote the bundle in {(clock.Elapsed - composed).TotalSeconds:0.0} s")).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(package.Manifest, CliJson.Options));
            }
            else
            {
                WriteSummary(package.Manifest, output.Shown, clock.Elapsed);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// ./codecontext-bundle, unless that lies inside the codebase (the usual case: pack run from the
    /// repository's root), where nothing may be written: then bundles/NAME in the cache directory
    /// (or the temp folder without one). The summary prints where it went.
    /// </summary>
    internal static string DefaultOut(string codebasePath, CodeContext.Core.CacheDirectory? cache)
    {
        const string here = "codecontext-bundle";
        if (CodebaseFolder.RootContaining(codebasePath, here) is not { } root) return here;
        var name = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)) is { Length: > 0 } folder ? folder : "root";
        return Path.Combine(cache?.Root ?? Path.Combine(Path.GetTempPath(), "codecontext"), "bundles", name + "-" + CodeContext.Core.ContentHash.Of(root)[..8]);
    }

    internal static void WriteSummary(Manifest m, string outDir, TimeSpan elapsed)
    {
        var t = m.Totals;
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(c, $"active   {m.Active.Path}{(m.Active.Whole ? "" : $" (lines {m.Active.StartLine}-{m.Active.EndLine})")}"));
        Console.Out.WriteLine(string.Create(c, $"files    {string.Join(", ", t.ByForm.Select(f => $"{f.Key} {f.Value.Files}"))}"));
        if (LevelLegend.For(m.Profile, t.ByForm.Keys) is { } legend) Console.Out.WriteLine($"levels   {legend}");
        Console.Out.WriteLine(string.Create(c, $"tokens   {t.Total} / {m.Budget} ({t.TextTokens} text + {t.VisionTokens} vision in {m.Segments.Count(s => s.Kind == "image")} pages), {t.Headroom} left, profile {m.Profile}"));
        Console.Out.WriteLine(string.Create(c, $"carries  {t.SourceTokens} tokens of source (of {t.RepositorySourceTokens} in the codebase): effective compression {t.EffectiveCompression:0.##}x"));
        if (m.Secrets.ExcludedFiles > 0 || m.Secrets.MaskedValues.Count > 0)
            Console.Out.WriteLine(string.Create(c, $"secrets  {m.Secrets.ExcludedFiles} files excluded, {m.Secrets.MaskedValues.Values.Sum()} values masked"));
        foreach (var warning in m.Warnings) Console.Out.WriteLine($"warning  {warning}");
        Console.Out.WriteLine(string.Create(c, $"bundle   {outDir} (context.md, manifest.json, request.openai.json, {BundleWriter.DeepSeekFile}) in {elapsed.TotalSeconds:0.0} s"));
    }
}
