using System.CommandLine;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using CodeContext.Core.Output;
using CodeContext.Server.Commands.Progress;
using CodeContext.Server.Rpc.Framing;

namespace CodeContext.Server.Commands;

/// <summary>Options every command that loads a codebase shares, so they read the same everywhere.</summary>
internal sealed class SharedOptions
{
    public Argument<string> Path { get; } = new("path") { Description = "A .sln, .slnx, .csproj or folder." };
    public Option<bool> NoMsBuild { get; } = new("--no-msbuild") { Description = "Load every project syntax-first, without MSBuild." };
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "List every skipped file with its reason (stderr)." };
    public Option<string?> CacheDir { get; } = new("--cache-dir") { Description = "Cache directory (default: $CODECONTEXT_CACHE_DIR, $XDG_CACHE_HOME/codecontext, ~/.cache/codecontext)." };
    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Neither read nor write the analysis cache." };
    public Option<bool> Quiet { get; } = new("--quiet") { Description = "No progress on stderr." };

    /// <summary>Only for commands that rank for a request (pack, rank): they know what to focus on.</summary>
    public Option<string> Analysis { get; } = CreateAnalysisOption("focused: bind only the files that rank near the top and match the rest by name (quick on a large codebase); full: bind every file; auto: focused from 300 files up. Files bound before are used either way.");

    /// <summary>--budget, as pack and summarize read it.</summary>
    public static Option<int> CreateBudgetOption() => TokenCountOption.Create("--budget", "Hard limit on the prompt's tokens, counted as the model counts.", 32000);

    /// <summary>--profile, listing every profile.</summary>
    public static Option<string> CreateProfileOption() => new("--profile") { Description = "Model profile: " + string.Join(", ", CodeContext.Rendering.Profiles.ProfileCatalog.Ids) + ".", DefaultValueFactory = _ => "deepseek-ocr-base" };

    /// <summary>--analysis auto|focused|full, shared with serve (which binds the rest in the background).</summary>
    public static Option<string> CreateAnalysisOption(string description)
    {
        var option = new Option<string>("--analysis")
        {
            Description = description,
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "focused", "full");
        return option;
    }

    /// <summary>The focus for a focused analysis; null when the user asked for a full one.</summary>
    public AnalysisFocus? Focus(ParseResult result, AnalysisFocus focus) => result.GetValue(Analysis) switch
    {
        "full" => null,
        "focused" => focus with { Always = true },
        _ => focus,
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Path);
        foreach (var option in new Option[] { NoMsBuild, Verbose, CacheDir, NoCache, Quiet }) command.Options.Add(option);
    }

    /// <param name="progress">The command's progress display (<see cref="Progress(ParseResult)"/>): the load reports to it and logs through it.</param>
    public LoadOptions LoadOptions(ParseResult result, StderrProgress? progress = null) => new()
    {
        NoMsBuild = result.GetValue(NoMsBuild),
        Verbose = result.GetValue(Verbose),
        Log = result.GetValue(Quiet) ? null : progress?.Log ?? Console.Error,
        Progress = progress,
    };

    /// <summary>The command's progress on stderr (a live bar on a terminal, lines in a log); null with --quiet.</summary>
    public StderrProgress? Progress(ParseResult result) => StderrProgress.Open(result.GetValue(Quiet));

    /// <summary>The cache for a command that loads the codebase at <see cref="Path"/>: never one inside it.</summary>
    /// <summary>
    /// A compose session for <paramref name="profile"/> and the codebase analysed for it (what pack,
    /// ask and summarize compose from): a profile that colours by symbol fills the session's
    /// classification memo while the load binds.
    /// </summary>
    public async Task<(Packing.ComposeSession Session, CodeContext.Analyzers.CodebaseAnalysis Analysis)> OpenAsync(
        ParseResult result, string profile, AnalysisFocus focus, CacheDirectory? cache, StderrProgress? progress, CancellationToken ct)
    {
        var session = new Packing.ComposeSession(cache) { Progress = progress };
        session.Prepare(profile);
        var options = LoadOptions(result, progress) with
        {
            ClassifiedSpans = Packing.ComposeSession.NeedsSemanticSpans(profile) ? session.ClassifiedSpans : null,
            Focus = Focus(result, focus),
        };
        var analysis = await CodeContext.Analyzers.CodebaseAnalysis.OpenAsync(result.GetValue(Path)!, options, cache, ct).ConfigureAwait(false);
        return (session, analysis);
    }

    public CacheDirectory? Cache(ParseResult result) => OpenCache(result.GetValue(NoCache), result.GetValue(CacheDir), result.GetValue(Path));

    /// <summary>
    /// The cache directory every command uses, or none. One that cannot be written is not fatal:
    /// the cache only saves time (results are the same without it), and a read-only one is
    /// usually deliberate (a shared or sandboxed home), so the command warns and runs as with
    /// --no-cache instead of failing after its whole analysis when it first stores something.
    /// A cache inside the codebase is not used either (nothing is ever written into the codebase),
    /// with the same warning.
    /// </summary>
    public static CacheDirectory? OpenCache(bool noCache, string? explicitPath, string? codebasePath = null)
    {
        if (noCache) return null;
        var cache = CacheDirectory.Resolve(explicitPath);
        var problem = codebasePath is not null && CodebaseFolder.RootContaining(codebasePath, cache.Root) is { } root
            ? $"it is inside the codebase being read, {root}, where nothing is ever written"
            : WritableFolder.Problem(cache.Root) is { } notWritable ? $"it is not writable: {notWritable}" : null;
        if (problem is null) return cache;
        Console.Error.WriteLine($"codecontext: warning: not using the cache directory '{cache.Root}' ({problem}); running without a cache, as with --no-cache");
        return null;
    }

    /// <summary>Keeps the cache under its cap (CacheTrimmer) after a command added to it, saying so when it removed anything.</summary>
    public static void TrimCache(CacheDirectory cache, bool quiet)
    {
        var trimmed = CacheTrimmer.TrimIfOver(cache, CacheTrimmer.ConfiguredMaxBytes());
        if (trimmed.EntriesRemoved > 0 && !quiet)
            Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"codecontext: cache over its cap ({CacheTrimmer.MaxSizeVariable}): removed {trimmed.EntriesRemoved} least recently used entries, {trimmed.BytesRemoved / 1024} KiB"));
    }

    /// <summary>--query, refused when longer than the server would accept (<see cref="QueryLimit"/>).</summary>
    public static string? ReadQuery(ParseResult result, Option<string?> query)
    {
        var value = result.GetValue(query);
        return QueryLimit.Refusal(value, "--query") is { } refusal ? throw new UserError(refusal) : value;
    }

    /// <summary>"12:5" -> (12, 5); both 1-based.</summary>
    public static (int Line, int Column)? ParseCursor(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var parts = value.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], out var line) && int.TryParse(parts[1], out var column) && line > 0 && column > 0)
            return (line, column);
        throw new UserError($"--cursor '{value}' is not LINE:COLUMN (1-based), e.g. 42:17");
    }

    /// <summary>Comma-separated and repeated values, flattened.</summary>
    public static IReadOnlyList<string> SplitList(IEnumerable<string>? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
