namespace CodeContext.Server.Commands;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place. Only used when stderr is a terminal: in a
/// log file or a pipe, carriage returns are noise.
/// </summary>
internal sealed class TerminalProgressBar : IProgress<(int Done, int Total)>
{
    private const int Width = 30;
    private readonly Lock _gate = new();
    private int _lastDrawn = -1;

    public static IProgress<(int Done, int Total)>? ForStandardError() =>
        Console.IsErrorRedirected ? null : new TerminalProgressBar();

    public void Report((int Done, int Total) value)
    {
        var (done, total) = value;
        if (total <= 0) return;
        var filled = done * Width / total;
        lock (_gate)
        {
            if (filled == _lastDrawn && done != total) return;
            _lastDrawn = filled;
            Console.Error.Write($"\ranalysing [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}");
            if (done == total) Console.Error.WriteLine();
        }
    }
}
