using System.Text;

namespace CodeContext.Server.Rpc.State;

/// <summary>
/// The loader's log as a writer: every line goes to stderr as before, and to the client as a
/// progress report, so the user sees what loading is doing.
/// </summary>
internal sealed class ProgressLog(TextWriter inner, Action<string> onLine) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        string? complete = null;
        lock (_gate)
        {
            if (value == '\n')
            {
                complete = _line.ToString().TrimEnd('\r');
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }

        if (complete is null) return;
        inner.WriteLine(complete);
        onLine(complete);
    }

    // Stages may log from several threads (history is read while the graph is built): a string
    // or line goes in whole, never interleaved character by character with another.
    private readonly Lock _whole = new();

    public override void Write(string? value)
    {
        lock (_whole)
        {
            foreach (var c in value ?? "") Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_whole)
        {
            foreach (var c in value ?? "") Write(c);
            Write('\n');
        }
    }
}
