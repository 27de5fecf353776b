namespace CodeContext.Server.Rpc.State;

/// <summary>
/// Binds a focused load's name-matched files between changes, a chunk at a time, nearest the open
/// documents first. It yields to requests: it waits while any is in flight (or the server was
/// busy less than a quiet spell ago), and a request or change that arrives mid-chunk cancels
/// the chunk, which is bound again afterwards. Readers see each chunk as it lands.
/// </summary>
internal sealed class BackgroundBinder(MutationQueue queue, OpenDocuments documents, Func<AnalysisSnapshot> current, Action<AnalysisSnapshot> publish, TextWriter log)
{
    /// <summary>Files bound per background step: a second or two of binding on a large codebase.</summary>
    private const int BindChunk = 48;

    /// <summary>
    /// How long the server must have been quiet (no request, no change) before it binds: a request's
    /// answer is still being written when its handler returns, and binding would fill the thread
    /// pool ahead of it; a developer who just asked is likely to ask again.
    /// </summary>
    private static readonly TimeSpan QuietBeforeBinding = TimeSpan.FromMilliseconds(500);

    private readonly Lock _readGate = new();
    private int _reads;
    private TaskCompletionSource _noReads = Completed();
    private CancellationTokenSource? _chunk;
    private long _lastActivity = Environment.TickCount64;

    /// <summary>A request is being answered until the lease is disposed.</summary>
    public IDisposable BeginRead()
    {
        CancellationTokenSource? chunk;
        lock (_readGate)
        {
            if (_reads++ == 0) _noReads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            chunk = _chunk;
        }

        try
        {
            // Outside the lock: cancellation runs the chunk's callbacks on this thread.
            chunk?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The chunk ended meanwhile.
        }

        return new ReadLease(this);
    }

    /// <summary>The server just did something (loaded, applied a change): the quiet spell starts again.</summary>
    public void MarkActivity() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

    /// <summary>
    /// One step while files are left to bind and no change waits: waits for requests to end or the
    /// quiet spell to pass (or a change to come), or binds the next chunk. False when binding failed
    /// and should not be tried again (the snapshot stays usable).
    /// </summary>
    public async Task<bool> StepAsync(CancellationToken stopping)
    {
        Task noReads;
        lock (_readGate) noReads = _noReads.Task;
        var quiet = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastActivity));
        if (!noReads.IsCompleted) await WaitForReadsOrChangeAsync(noReads, stopping).ConfigureAwait(false);
        else if (quiet < QuietBeforeBinding) await WaitForReadsOrChangeAsync(Task.Delay(QuietBeforeBinding - quiet, stopping), stopping).ConfigureAwait(false);
        else return await BindChunkAsync(stopping).ConfigureAwait(false);
        return true;
    }

    private void EndRead()
    {
        lock (_readGate)
        {
            if (--_reads == 0) _noReads.TrySetResult();
            Volatile.Write(ref _lastActivity, Environment.TickCount64);
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed class ReadLease(BackgroundBinder binder) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) binder.EndRead();
        }
    }

    /// <summary>
    /// Binds the next name-matched files: the open documents, then what ranks highest for them,
    /// then the rest in order. False when binding failed (it is not retried: the snapshot stays usable).
    /// </summary>
    private async Task<bool> BindChunkAsync(CancellationToken stopping)
    {
        using var preempted = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lock (_readGate)
        {
            if (_reads > 0) return true; // a request came first
            _chunk = preempted;
        }

        var watching = WatchForChangesAsync(preempted);
        var snapshot = current();
        var analysis = snapshot.Analysis;
        var graph = analysis.Graph;
        bool Unbound(string path) => graph.IndexOf(path) is { } at && graph.Facts[at].NameMatched;
        var open = documents.Paths.Select(snapshot.RelativePath).OfType<string>().Where(p => graph.IndexOf(p) is not null).ToList();
        var chunk = open
            .Concat(open.SelectMany(p => analysis.Ranker.Rank(new Analyzers.Ranking.RankRequest(p) { Top = BindChunk }).Select(r => r.Path)))
            .Concat(graph.Paths)
            .Where(Unbound)
            .Distinct(StringComparer.Ordinal)
            .Take(BindChunk)
            .ToList();
        try
        {
            var bound = await analysis.BindAsync(chunk, preempted.Token).ConfigureAwait(false);
            publish(new AnalysisSnapshot(bound, snapshot.Sequence));
            var left = bound.NameMatchedFiles;
            await log.WriteLineAsync($"codecontext serve: bound {chunk.Count} files in the background, {left} left").ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return true; // a change came first; the chunk is bound again after it
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await log.WriteLineAsync($"codecontext serve: binding in the background stopped; {analysis.NameMatchedFiles} files stay matched by name: {e.Message}").ConfigureAwait(false);
            return false;
        }
        finally
        {
            lock (_readGate) _chunk = null;
            await preempted.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="noReads"/> completes (no request in flight, or a quiet spell over) or a change is queued, whichever comes first.</summary>
    private async Task WaitForReadsOrChangeAsync(Task noReads, CancellationToken stopping)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var changed = queue.WaitAsync(waiting.Token).AsTask();
        await Task.WhenAny(noReads, changed).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        try
        {
            await changed.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The wait for a change was only cancelled because the reads ended first.
        }
    }

    /// <summary>Cancels <paramref name="preempted"/> as soon as a change is queued (or it is cancelled otherwise).</summary>
    private async Task WatchForChangesAsync(CancellationTokenSource preempted)
    {
        try
        {
            if (await queue.WaitAsync(preempted.Token).ConfigureAwait(false)) await preempted.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
