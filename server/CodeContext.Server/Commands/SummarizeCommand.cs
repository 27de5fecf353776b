using System.CommandLine;
using CodeContext.Core.Progress;
using System.Diagnostics;
using System.Globalization;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using CodeContext.Core.Diagnostics;
using CodeContext.Core.Output;
using CodeContext.Packing;
using CodeContext.Packing.Summary;
using CodeContext.Packing.Summary.Report;
using CodeContext.Server.Summarize;

namespace CodeContext.Server.Commands;

/// <summary>
/// `codecontext summarize`: the CI tool. A budgeted digest of the whole repository (solution map
/// first, then files by global importance down the fidelity ladder) or of a change (the changed
/// files as exact text, then what they use and what uses them), written as the usual bundle plus
/// report.html and summary.md.
/// </summary>
internal static class SummarizeCommand
{
    private const string ReportFile = BundleLayout.ReportFile;
    private const string SummaryFile = BundleLayout.SummaryFile;

    /// <summary>Exit code when the outputs were written but the codebase's source is over --fail-over.</summary>
    public const int OverThresholdExitCode = 3;

    public static Command Create()
    {
        var shared = new SharedOptions();
        var budget = SharedOptions.CreateBudgetOption();
        var profile = SharedOptions.CreateProfileOption();
        var outOption = new Option<string?>("--out") { Description = "Bundle folder (with report.html and summary.md): new, empty or an earlier bundle (replaced whole); never inside the codebase. Default as for pack." };
        var changedSince = new Option<string?>("--changed-since") { Description = "Change mode: the C# files changed between the merge base of this git ref and HEAD and the working tree, e.g. origin/main." };
        var changedFiles = new Option<string[]>("--changed-files") { Description = "Change mode: these files (comma-separated or repeated) are the change, carried whole." };
        var failOver = TokenCountOption.Create("--fail-over", "Fail (exit code 3, after writing the outputs) when the codebase's source is more than this many tokens.", 0);
        // No default to show: without the option there is no guard (0, which no user value can be).
        failOver.DefaultValueFactory = null;

        var command = new Command("summarize", "Summarize the whole repository, or a change, under a token budget: the bundle plus report.html and summary.md (for CI).");
        shared.AddTo(command);
        foreach (var option in new Option[] { shared.Analysis, budget, profile, outOption, changedSince, changedFiles, failOver }) command.Options.Add(option);

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            var clock = Stopwatch.StartNew();
            var path = result.GetValue(shared.Path)!;
            var since = result.GetValue(changedSince);
            var named = SharedOptions.SplitList(result.GetValue(changedFiles));
            if (since is not null && named.Count > 0) throw new UserError("--changed-since and --changed-files are two ways to name a change: give one");
            var outArgument = result.GetValue(outOption);
            var cache = shared.Cache(result);
            var output = OutputFolder.Claim(outArgument ?? PackCommand.DefaultOut(path, cache), outArgument is null ? "--out (default)" : "--out", path);
            // The change is read before the load: a bad ref should not cost the analysis first.
            var change = since is not null ? FromGit(path, since) : named.Count > 0 ? FromList(path, named) : null;
            // Progress goes to stderr (a bar on a terminal, lines in CI logs) and ends before the summary prints.
            var progress = shared.Progress(result);
            ContextPackage package;
            await using (progress)
            {
                var profileId = result.GetValue(profile)!;
                var (session, analysis) = await shared.OpenAsync(result, profileId, new AnalysisFocus(change?.FocusPaths ?? []), cache, progress, ct).ConfigureAwait(false);
                var (set, projects) = change is null
                    ? await SummaryFocus.WholeAsync(analysis, "whole repository", [], ct).ConfigureAwait(false)
                    : await SummaryFocus.ChangedAsync(analysis, change, ct).ConfigureAwait(false);
                var request = ComposeRequest.ForSet(set) with { Budget = result.GetValue(budget), Profile = profileId };
                progress?.Report(WorkProgress.Starting("composing"));
                package = await new ContextComposer(cache, session, StderrLogger.ForPlan()).ComposeAsync(analysis, request, ct).ConfigureAwait(false);
                var report = new SummaryReport(package.Manifest, set, projects);
                progress?.Report(WorkProgress.Starting("writing the bundle"));
                await BundleWriter.WriteAsync(package, output, root =>
                {
                    AtomicFile.WriteAllText(Path.Combine(root, ReportFile), ReportHtml.Write(report));
                    AtomicFile.WriteAllText(Path.Combine(root, SummaryFile), SummaryMarkdown.Write(report));
                    return Task.CompletedTask;
                }, ct).ConfigureAwait(false);
            }

            if (cache is not null) SharedOptions.TrimCache(cache, result.GetValue(shared.Quiet));
            PackCommand.WriteSummary(package.Manifest, output.Shown, clock.Elapsed);
            Console.Out.WriteLine($"report   {Path.Combine(output.Shown, ReportFile)}, {Path.Combine(output.Shown, SummaryFile)}");
            return OverThreshold(package.Manifest, result.GetValue(failOver)) ? OverThresholdExitCode : 0;
        }, cancellationToken));
        return command;
    }

    private static SummaryFocus.Change FromGit(string path, string since)
    {
        var folder = Directory.Exists(path) ? Path.GetFullPath(path) : Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder)) throw new UserError($"'{path}' does not exist");
        var changes = GitChanges.Since(folder, since);
        return new SummaryFocus.Change(folder, changes.Changed, changes.Deleted, $"changed since {since}", $"since {since}");
    }

    /// <summary>
    /// --changed-files: in a git work tree each file's lines that differ from HEAD (every line of a
    /// file git does not track), as --changed-since marks its range; elsewhere every line, and the
    /// summary says so.
    /// </summary>
    private static SummaryFocus.Change FromList(string path, IReadOnlyList<string> files)
    {
        var current = Directory.GetCurrentDirectory();
        var codebase = Directory.Exists(path) ? Path.GetFullPath(path) : Path.GetDirectoryName(Path.GetFullPath(path)) ?? current;
        // As the change resolves them: relative to the codebase first, then to the current directory.
        string? Existing(string file) => new[] { codebase, current }.Select(folder => Path.GetFullPath(Path.Combine(folder, file))).FirstOrDefault(File.Exists);
        var lines = GitChanges.AgainstHead(codebase, [.. files.Select(Existing)]);
        const string reason = "named in --changed-files";
        if (lines is null)
        {
            IReadOnlyList<LineRange> whole = [new LineRange(1, int.MaxValue)];
            return new(current, [.. files.Select(f => (f, whole))], [], reason, "(named in --changed-files)",
                $"the files named in --changed-files are marked whole: {Path.GetFileName(codebase)} is not in a git work tree with a HEAD to compare with");
        }

        return new(current, [.. files.Select((f, i) => (f, lines[i]))], [], reason, "(named in --changed-files)");
    }

    /// <summary>The guard teams ask for: the step fails when the codebase's source outgrows the threshold, with the numbers.</summary>
    private static bool OverThreshold(Manifest manifest, int threshold)
    {
        var source = manifest.Totals.RepositorySourceTokens;
        if (threshold <= 0 || source <= threshold) return false;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"codecontext: error: the codebase's source is {source} tokens, over --fail-over {threshold} (the outputs were written)"));
        return true;
    }
}
