using System.Text;

namespace CodeContext.Server.Tests.Harness;

/// <summary>A log writer that keeps only the last lines (the server's stderr during long fuzz runs).</summary>
public sealed class RecentLines(int capacity) : TextWriter
{
    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _current = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lines)
        {
            if (value != '\n')
            {
                _current.Append(value);
                return;
            }

            _lines.Enqueue(_current.ToString());
            _current.Clear();
            while (_lines.Count > capacity) _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_lines) return string.Join("\n", _lines);
    }
}
