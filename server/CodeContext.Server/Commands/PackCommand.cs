using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CodeContext.Core.Output;
using CodeContext.Core.Progress;
using CodeContext.Packing;

namespace CodeContext.Server.Commands;

/// <summary>`codecontext pack`: the main job. Composes the best mixed context for a budget and writes the bundle.</summary>
internal static class PackCommand
{
    public static Command Create()
    {
        var compose = new ComposeOptions();
        var shared = compose.Shared;
        var query = new Option<string?>("--query") { Description = "The developer's question; it goes last in the prompt." };
        var outOption = new Option<string?>("--out") { Description = "Bundle folder: new, empty or an earlier bundle (replaced whole); never inside the codebase. Default: ./codecontext-bundle, or, run from inside the codebase, bundles/<name> in the cache directory." };
        var format = new Option<string>("--format") { Description = "What to print on stdout: summary or json (the manifest).", DefaultValueFactory = _ => "summary" };
        format.AcceptOnlyFromAmong("summary", "json");

        var command = new Command("pack", "Compose the best mixed text + page-image context for an active file under a token budget and write the bundle.");
        compose.AddTo(command);
        foreach (var option in new Option[] { query, outOption, format }) command.Options.Add(option);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var clock = Stopwatch.StartNew();
            var request = compose.Request(result, SharedOptions.ReadQuery(result, query));
            // Checked before loading: a refused folder should not cost the user the analysis first.
            var outArgument = result.GetValue(outOption);
            var cache = shared.Cache(result);
            var output = OutputFolder.Claim(outArgument ?? DefaultOut(result.GetValue(shared.Path)!, cache), outArgument is null ? "--out (default)" : "--out", result.GetValue(shared.Path)!);
            // The live bar is gone before the timings and the summary print.
            var progress = shared.Progress(result);
            ComposedRun run;
            TimeSpan composed;
            await using (progress)
            {
                run = await compose.ComposeAsync(result, request, cache, progress, ct).ConfigureAwait(false);
                composed = clock.Elapsed;
                progress?.Report(WorkProgress.Starting("writing the bundle"));
                await BundleWriter.WriteAsync(run.Package, output, ct).ConfigureAwait(false);
            }

            await compose.ReportTimesAsync(result, run, clock.Elapsed - composed).ConfigureAwait(false);
            if (result.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(run.Package.Manifest, CliJson.Options));
            }
            else
            {
                WriteSummary(run.Package.Manifest, output.Shown, clock.Elapsed);
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
        Console.Out.WriteLine(string.Create(c, $"bundle   {outDir} (context.md, manifest.json, {string.Join(", ", BundleWriter.RequestFiles(CodeContext.Rendering.Profiles.ProfileCatalog.Get(m.Profile)))}) in {elapsed.TotalSeconds:0.0} s"));
    }
}
