using System.Diagnostics;
using CodeContext.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CodeContext.Packing;

/// <summary>
/// Where one compose says how far it got and how long it took (ranked, priced, planned, each
/// planning round, rendered, manifest), at debug level through the host's logger. Nothing is
/// formatted when the logger would drop it, so an untraced compose pays one flag check per stage.
/// </summary>
internal sealed class ComposeTrace(ILogger logger)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public bool Enabled { get; } = logger.IsEnabled(LogLevel.Debug);

    /// <summary>A stage done, with the milliseconds since the compose began.</summary>
    public void Stage(string what)
    {
        if (Enabled)
        {
            Line($"{_clock.ElapsedMilliseconds,7} ms  {what}  ({TraceSpans.Memory()})");
        }
    }

    /// <summary>A line of its own (a planning round); callers check <see cref="Enabled"/> before building it.</summary>
    public void Line(string line) => StderrLogger.Line(logger, line);
}
