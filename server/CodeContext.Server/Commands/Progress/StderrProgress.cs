using CodeContext.Core.Progress;

namespace CodeContext.Server.Commands.Progress;

/// <summary>
/// A command's progress and log on stderr, as the place it goes suits: a live bar on a terminal,
/// plain periodic lines in a log (CI), nothing with --quiet. stdout is never touched: it carries the
/// command's result (and, for serve and mcp, the protocol). Dispose before printing the result, so
/// that a live bar is gone first.
/// </summary>
internal abstract class StderrProgress : IProgress<WorkProgress>, IAsyncDisposable
{
    /// <summary>Where the command's diagnostics go while progress shows (they must not tear a live bar).</summary>
    public abstract TextWriter Log { get; }

    public abstract void Report(WorkProgress value);

    public abstract ValueTask DisposeAsync();

    /// <summary>Null with --quiet; a live bar when stderr is a terminal; lines otherwise.</summary>
    public static StderrProgress? Open(bool quiet)
    {
        if (quiet) return null;
        return Console.IsErrorRedirected ? new ProgressLines(Console.Error, TimeProvider.System) : LiveProgressBar.Start();
    }
}
