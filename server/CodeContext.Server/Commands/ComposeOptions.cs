using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using CodeContext.Core.Diagnostics;
using CodeContext.Core.Output;
using CodeContext.Core.Progress;
using CodeContext.Server.Commands.Progress;
using CodeContext.Packing;

namespace CodeContext.Server.Commands;

/// <summary>
/// What pack and ask share: the options that describe a compose request and the one path from
/// them to a composed package (load and analyse, compose, trim the cache), so ask sends exactly
/// what pack would write.
/// </summary>
internal sealed class ComposeOptions
{
    public SharedOptions Shared { get; } = new();
    public Option<string> Active { get; } = new("--active") { Description = "The file being worked on (kept as exact text).", Required = true };
    public Option<string?> Cursor { get; } = new("--cursor") { Description = "LINE:COLUMN (1-based) of the cursor in the active file." };
    public Option<string[]> Recent { get; } = new("--recent") { Description = "Recently edited files (comma-separated or repeated)." };
    public Option<int> Budget { get; } = SharedOptions.CreateBudgetOption();
    public Option<string> Profile { get; } = SharedOptions.CreateProfileOption();
    public Option<double?> ActiveShare { get; } = new("--active-share") { Description = "Largest share of the budget (0..1) the active file takes as exact text; the rest of a larger file goes on the ladder (default: planner.json's activeShare, 0.4)." };
    public Option<double?> BreadthShare { get; } = new("--breadth-share") { Description = "Share of the budget (0..1) kept for breadth: files the value-per-token fill left out, most relevant first, at their cheapest dense form (default: planner.json's breadthShare)." };

    public void AddTo(Command command)
    {
        Shared.AddTo(command);
        foreach (var option in new Option[] { Shared.Analysis, Active, Cursor, Recent, Budget, Profile, ActiveShare, BreadthShare }) command.Options.Add(option);
    }

    /// <summary>The request the options describe, with the question given (already gated by ComposeRequest).</summary>
    public ComposeRequest Request(ParseResult result, string? query) => new(result.GetValue(Active)!)
    {
        Cursor = SharedOptions.ParseCursor(result.GetValue(Cursor)),
        Recent = SharedOptions.SplitList(result.GetValue(Recent)),
        Query = query,
        Budget = result.GetValue(Budget),
        Profile = result.GetValue(Profile)!,
        ActiveShare = result.GetValue(ActiveShare) switch
        {
            { } share and (<= 0 or > 1) => throw new UserError($"--active-share must be above 0 and at most 1, got {share}"),
            var share => share,
        },
        BreadthShare = result.GetValue(BreadthShare) switch
        {
            { } share and (< 0 or >= 1) => throw new UserError($"--breadth-share must be at least 0 and below 1, got {share}"),
            var share => share,
        },
    };

    /// <summary>Loads and analyses the codebase and composes <paramref name="request"/>, as pack does.</summary>
    /// <param name="progress">Where loading, binding, composing and rendering report (stderr); null: nowhere.</param>
    public async Task<ComposedRun> ComposeAsync(ParseResult result, ComposeRequest request, CacheDirectory? cache, StderrProgress? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        // A wrong active path fails now, not after minutes of loading and binding.
        ActivePathCheck.BeforeLoad(result.GetValue(Shared.Path)!, [request.ActivePath]);
        var focus = new AnalysisFocus([request.ActivePath]) { Cursor = request.Cursor, Recent = request.Recent, Query = request.Query };
        var (session, analysis) = await Shared.OpenAsync(result, request.Profile, focus, cache, progress, ct).ConfigureAwait(false);
        var loaded = clock.Elapsed;
        progress?.Report(WorkProgress.Starting("composing"));
        var package = await new ContextComposer(cache, session, StderrLogger.ForPlan()).ComposeAsync(analysis, request, ct).ConfigureAwait(false);
        if (cache is not null) SharedOptions.TrimCache(cache, result.GetValue(Shared.Quiet));
        return new ComposedRun(analysis, package, loaded, clock.Elapsed - loaded);
    }

    /// <summary>One line on stderr with the phases' times, unless --quiet.</summary>
    public async Task ReportTimesAsync(ParseResult result, ComposedRun run, TimeSpan? written)
    {
        if (result.GetValue(Shared.Quiet)) return;
        var bundle = written is { } w ? string.Create(CultureInfo.InvariantCulture, $", wrote the bundle in {w.TotalSeconds:0.0} s") : "";
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"codecontext: loaded and analysed in {run.Loaded.TotalSeconds:0.0} s, composed in {run.Composed.TotalSeconds:0.0} s{bundle}")).ConfigureAwait(false);
    }
}

/// <summary>A composed package with the analysis it came from and how long each phase took.</summary>
internal sealed record ComposedRun(CodebaseAnalysis Analysis, ContextPackage Package, TimeSpan Loaded, TimeSpan Composed);
