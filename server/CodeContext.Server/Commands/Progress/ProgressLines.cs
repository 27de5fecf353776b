using System.Globalization;
using CodeContext.Core.Progress;

namespace CodeContext.Server.Commands.Progress;

/// <summary>
/// Progress as plain lines, for a stderr that is a log (CI) rather than a terminal: a line when a
/// phase starts, one at most every <see cref="Interval"/> while it runs, and one when its count is
/// complete. A log of a ten-minute load then shows what it does without thousands of lines.
/// </summary>
internal sealed class ProgressLines(TextWriter log, TimeProvider clock) : StderrProgress
{
    /// <summary>The longest a running phase stays silent in the log.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private string? _phase;
    private bool _complete;
    private DateTimeOffset _lastLine;

    public override TextWriter Log => log;

    public override void Report(WorkProgress value)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (value.Phase != _phase)
            {
                (_phase, _complete) = (value.Phase, false);
            }
            else if (_complete || (!IsComplete(value) && now - _lastLine < Interval))
            {
                // Parallel workers report out of order: a count below a complete one says nothing new.
                return;
            }

            _complete = IsComplete(value);
            _lastLine = now;
            log.WriteLine(Format(value));
        }
    }

    /// <summary>"codecontext: binding files 40/101", or "codecontext: composing" for a phase without a count.</summary>
    public static string Format(WorkProgress value) => value.Total > 0
        ? string.Create(CultureInfo.InvariantCulture, $"codecontext: {value.Phase} {value.Done}/{value.Total}")
        : $"codecontext: {value.Phase}";

    private static bool IsComplete(WorkProgress value) => value.Total > 0 && value.Done >= value.Total;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
