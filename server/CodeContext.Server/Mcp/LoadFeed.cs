namespace CodeContext.Server.Mcp;

/// <summary>
/// The loader's log lines, handed to whichever tool calls are waiting for the codebase at the time
/// (each turns them into progress notifications for its client).
/// </summary>
internal sealed class LoadFeed
{
    private readonly Lock _gate = new();
    private readonly List<Action<string>> _listeners = [];

    public void Publish(string line)
    {
        Action<string>[] listeners;
        lock (_gate) listeners = [.. _listeners];
        foreach (var listener in listeners) listener(line);
    }

    /// <summary>Lines reach <paramref name="listener"/> until the result is disposed.</summary>
    public IDisposable Listen(Action<string> listener)
    {
        lock (_gate) _listeners.Add(listener);
        return new Subscription(this, listener);
    }

    private sealed class Subscription(LoadFeed feed, Action<string> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (feed._gate) feed._listeners.Remove(listener);
        }
    }
}
