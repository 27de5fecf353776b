using System.Threading.Channels;

namespace CodeContext.Server.Rpc.State;

/// <summary>
/// The changes the analysis must take in, numbered in arrival order: notification handlers add
/// to it synchronously, one worker (<see cref="WorkspaceHost"/>) takes them a batch at a time,
/// and a read waits for the snapshot whose sequence reaches <see cref="Enqueued"/>.
/// </summary>
internal sealed class MutationQueue
{
    private readonly Channel<Mutation> _channel = Channel.CreateUnbounded<Mutation>(new UnboundedChannelOptions { SingleReader = true });
    private long _enqueued;

    /// <summary>The sequence number of the last change added.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Whether a change waits to be taken (binding gives way to it).</summary>
    public bool HasPending => _channel.Reader.TryPeek(out _);

    public void TextChanged(string fullPath, bool opened) =>
        _channel.Writer.TryWrite(new EditorTextChanged(Interlocked.Increment(ref _enqueued), fullPath, opened));

    public void DiskChanged(IReadOnlyList<string> fullPaths) =>
        _channel.Writer.TryWrite(new DiskChanged(Interlocked.Increment(ref _enqueued), fullPaths));

    /// <summary>No more changes: the worker's wait ends with false.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>True once a change is waiting, false when the queue is complete and empty.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Every change waiting now, in arrival order.</summary>
    public List<Mutation> TakeAll()
    {
        var batch = new List<Mutation>();
        while (_channel.Reader.TryRead(out var mutation)) batch.Add(mutation);
        return batch;
    }
}
