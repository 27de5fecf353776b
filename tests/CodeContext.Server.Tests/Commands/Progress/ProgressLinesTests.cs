using CodeContext.Core.Progress;
using CodeContext.Server.Commands.Progress;

namespace CodeContext.Server.Tests.Commands.Progress;

/// <summary>Progress in a log (stderr not a terminal): which reports become lines, on a clock the test moves.</summary>
public sealed class ProgressLinesTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new();
    private readonly StringWriter _log = new();

    private string[] Lines => _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void A_phase_prints_when_it_starts_at_most_once_an_interval_while_it_runs_and_when_it_completes()
    {
        var progress = new ProgressLines(_log, _clock);
        for (var done = 1; done <= 1000; done++)
        {
            progress.Report(new WorkProgress("binding files", done, 1000));
            if (done % 100 == 0) _clock.Now += ProgressLines.Interval / 2;
        }

        // Ten half-intervals passed: a line at the start, one per full interval, one at the end.
        Assert.Equal(["codecontext: binding files 1/1000", "codecontext: binding files 201/1000", "codecontext: binding files 401/1000",
            "codecontext: binding files 601/1000", "codecontext: binding files 801/1000", "codecontext: binding files 1000/1000"], Lines);
    }

    [Fact]
    public void Late_reports_of_a_completed_phase_and_repeats_of_an_uncounted_one_print_nothing()
    {
        var progress = new ProgressLines(_log, _clock);
        progress.Report(new WorkProgress("evaluating projects", 5, 5));
        _clock.Now += ProgressLines.Interval * 2;
        progress.Report(new WorkProgress("evaluating projects", 4, 5));
        progress.Report(WorkProgress.Starting("composing"));
        progress.Report(WorkProgress.Starting("composing"));
        progress.Report(new WorkProgress("rendering pages", 22, 22));

        Assert.Equal(["codecontext: evaluating projects 5/5", "codecontext: composing", "codecontext: rendering pages 22/22"], Lines);
    }

    [Fact]
    public void Counting_adapts_a_plain_counter_to_its_phase()
    {
        var progress = new ProgressLines(_log, _clock);
        var counter = WorkProgress.Counting(progress, "binding files");

        counter!.Report((3, 3));

        Assert.Equal(["codecontext: binding files 3/3"], Lines);
        Assert.Null(WorkProgress.Counting(null, "binding files"));
    }
}
