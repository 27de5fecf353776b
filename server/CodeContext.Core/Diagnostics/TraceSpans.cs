using System.Diagnostics;

namespace CodeContext.Core.Diagnostics;

/// <summary>
/// Where a hot path spends its time, on stderr, when CODECONTEXT_TRACE is set: a developer (or
/// bench/serve's <c>--trace</c>) reads which step of an edit or a compose is slow, with no cost
/// when it is not set beyond a flag check.
/// </summary>
public static class TraceSpans
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("CODECONTEXT_TRACE") is not null;

    /// <summary>Starts a span: null (nothing measured) unless tracing is on.</summary>
    public static Stopwatch? Start() => Enabled ? Stopwatch.StartNew() : null;

    /// <summary>
    /// The managed heap and the process's resident set now: a large codebase's peak memory is a
    /// target of its own (docs/benchmarks.md, Scale), and which step raised it is what a trace must say.
    /// </summary>
    public static string Memory() =>
        $"heap {GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024)} MB, resident {Environment.WorkingSet / (1024 * 1024)} MB";

    /// <summary>Writes how long the span has run and restarts it, so consecutive calls time consecutive steps.</summary>
    public static void Lap(Stopwatch? clock, string what)
    {
        if (clock is null) return;
        StderrLogger.Line(StderrLogger.Instance, $"trace {clock.Elapsed.TotalMilliseconds,8:F1} ms  {what}  ({Memory()})");
        clock.Restart();
    }
}
