using CodeContext.Core.Progress;
using Spectre.Console;

namespace CodeContext.Server.Commands.Progress;

/// <summary>
/// Progress as a live bar on a terminal's stderr (Spectre.Console): one row per phase, the current
/// one counting "n/m" with a bar, or a spinner while a phase has no count. Log lines written while
/// it runs go through the same console, which prints them above the bar instead of through it.
/// </summary>
internal sealed class LiveProgressBar : StderrProgress
{
    private readonly IAnsiConsole _console;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private ProgressContext? _context;
    private ProgressTask? _current;
    private string? _phase;
    private Task _running = Task.CompletedTask;

    private LiveProgressBar(IAnsiConsole console)
    {
        _console = console;
        Log = new LineWriter(line => _console.WriteLine(line));
    }

    public override TextWriter Log { get; }

    /// <summary>Starts the display on stderr; it runs until disposed.</summary>
    public static LiveProgressBar Start()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var bar = new LiveProgressBar(console);
        var ready = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        bar._running = console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(context =>
            {
                ready.SetResult(context);
                return bar._finished.Task;
            });
        // The display starts at once; should it fail to, progress is simply not shown.
        Task.WaitAny(ready.Task, bar._running);
        bar._context = ready.Task.IsCompletedSuccessfully ? ready.Task.Result : null;
        return bar;
    }

    public override void Report(WorkProgress value)
    {
        lock (_gate)
        {
            if (_context is null) return;
            var description = Markup.Escape(ProgressLines.Format(value)["codecontext: ".Length..]);
            if (_current is null || _phase != value.Phase)
            {
                _current?.StopTask();
                _current = _context.AddTask(description, maxValue: Math.Max(1, value.Total));
                _phase = value.Phase;
            }

            _current.IsIndeterminate = value.Total <= 0;
            _current.MaxValue = Math.Max(1, value.Total);
            _current.Value = Math.Max(_current.Value, value.Done);
            _current.Description = description;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        lock (_gate) _current?.StopTask();
        _finished.TrySetResult();
        try
        {
            await _running.ConfigureAwait(false);
        }
        finally
        {
            Log.Dispose();
        }
    }

    /// <summary>A TextWriter that hands each complete line to <paramref name="writeLine"/>.</summary>
    private sealed class LineWriter(Action<string> writeLine) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                if (value == '\n') Flush();
                else if (value != '\r') base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "") Write(c);
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write('\n');
        }

        public override void Flush()
        {
            lock (_gate)
            {
                var sb = GetStringBuilder();
                if (sb.Length == 0) return;
                var line = sb.ToString();
                sb.Clear();
                writeLine(line);
            }
        }
    }
}
