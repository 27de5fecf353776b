using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeContext.Core.Diagnostics;

/// <summary>
/// The one way this tool traces: each message on its own line on stderr, as it was formatted,
/// for a developer who turned tracing on with an environment variable (CODECONTEXT_TRACE for
/// <see cref="TraceSpans"/>, CODECONTEXT_TRACE_PLAN for a compose's stages and planning rounds).
/// No framework: a host that wants another sink hands its own <see cref="ILogger"/>.
/// </summary>
public sealed class StderrLogger : ILogger
{
    public static StderrLogger Instance { get; } = new();

    /// <summary>The logger a host hands a compose: stderr while CODECONTEXT_TRACE_PLAN is set, else nothing.</summary>
    public static ILogger ForPlan() =>
        Environment.GetEnvironmentVariable("CODECONTEXT_TRACE_PLAN") is not null ? Instance : NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine(formatter(state, exception));

    /// <summary>Writes a line already formatted (traces build their own aligned columns).</summary>
    public static void Line(ILogger logger, string line) => logger.Log(LogLevel.Debug, default, line, null, static (s, _) => s);
}
