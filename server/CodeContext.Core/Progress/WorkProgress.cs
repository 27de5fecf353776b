namespace CodeContext.Core.Progress;

/// <summary>
/// Where a long piece of work stands: its phase ("binding files") and, when countable, how many of
/// how many items are done. Total 0: a phase without a count (composing). Hosts show it as they see
/// fit (a live bar on a terminal, periodic lines in a log, nothing when quiet).
/// </summary>
public readonly record struct WorkProgress(string Phase, int Done, int Total)
{
    /// <summary>A phase without a count, announced as it starts.</summary>
    public static WorkProgress Starting(string phase) => new(phase, 0, 0);

    /// <summary>
    /// A counter for one phase on top of a phase-aware sink, for stages that only count (n of m);
    /// null when there is no sink.
    /// </summary>
    public static IProgress<(int Done, int Total)>? Counting(IProgress<WorkProgress>? sink, string phase) =>
        sink is null ? null : new PhaseCounter(sink, phase);

    private sealed class PhaseCounter(IProgress<WorkProgress> sink, string phase) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => sink.Report(new WorkProgress(phase, value.Done, value.Total));
    }
}
