using System.Threading.Channels;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.State;

/// <summary>
/// The server's codebase state. Reads take the current immutable <see cref="AnalysisSnapshot"/>;
/// mutations (editor text, disk changes) go through one queue and are applied one batch at a
/// time by a single worker, so they never race and each read sees every change sent before it.
/// </summary>
internal sealed class WorkspaceHost
{
    private readonly Channel<Mutation> _queue = Channel.CreateUnbounded<Mutation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter _log;
    private readonly CacheDirectory? _cache;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _enqueued;
    private AnalysisSnapshot? _current;
    private Task? _worker;
    private string? _loadError;
    private string _state = "not-started";

    // Background binding yields to requests: it waits while any is in flight, and a request that
    // arrives mid-chunk cancels the chunk.
    private readonly Lock _readGate = new();
    private int _reads;
    private TaskCompletionSource _noReads = Completed();
    private CancellationTokenSource? _chunk;
    private long _lastActivity = Environment.TickCount64;

    /// <summary>
    /// How long the server must have been quiet (no request, no change) before it binds: a request's
    /// answer is still being written when its handler returns, and binding would fill the thread
    /// pool ahead of it; a developer who just asked is likely to ask again.
    /// </summary>
    private static readonly TimeSpan QuietBeforeBinding = TimeSpan.FromMilliseconds(500);

    public WorkspaceHost(CacheDirectory? cache, TextWriter log)
    {
        _cache = cache;
        _log = log;
        ComposeSession = new CodeContext.Packing.ComposeSession(cache);
    }

    public OpenDocuments Documents { get; } = new();

    /// <summary>What composes keep between requests (rankings, candidates, layouts, pages, the last plan).</summary>
    public CodeContext.Packing.ComposeSession ComposeSession { get; }

    public WorkspacePaths? Paths { get; private set; }

    public CacheDirectory? Cache => _cache;

    /// <summary>not-started, loading, ready or failed.</summary>
    public string State => Volatile.Read(ref _state);

    public string? LoadError => Volatile.Read(ref _loadError);

    public AnalysisSnapshot? Current => Volatile.Read(ref _current);

    public long Enqueued => Interlocked.Read(ref _enqueued);

    public void SetRoot(string root) => Paths = new WorkspacePaths(root);

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

    private sealed class ReadLease(WorkspaceHost host) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) host.EndRead();
        }
    }

    /// <summary>Loads the codebase, then applies queued mutations until <see cref="Stop"/>.</summary>
    /// <param name="classifyWhileLoading">Whether the graph walk should leave semantic colours in the compose session (the expected profile's pages need them); otherwise a colour compose classifies the files it renders when it renders them.</param>
    public void Start(string loadPath, LoadOptions options, ProgressReporter progress, bool classifyWhileLoading)
    {
        Volatile.Write(ref _state, "loading");
        options = options with { ClassifiedSpans = classifyWhileLoading ? ComposeSession.ClassifiedSpans : null };
        _worker = Task.Run(() => RunAsync(loadPath, options, progress, _stopping.Token));
    }

    public void Stop()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
    }

    public void TextChanged(string fullPath, bool opened = false) =>
        _queue.Writer.TryWrite(new EditorTextChanged(Interlocked.Increment(ref _enqueued), fullPath, opened));

    public void DiskChanged(IReadOnlyList<string> fullPaths)
    {
        ComposeSession.ForgetDisk();
        _queue.Writer.TryWrite(new DiskChanged(Interlocked.Increment(ref _enqueued), fullPaths));
    }

    /// <summary>
    /// The snapshot that includes every mutation enqueued so far. Call before the handler's first
    /// await: the sequence number is taken synchronously so that notifications that arrived
    /// earlier are always included.
    /// </summary>
    public Task<AnalysisSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var wanted = Enqueued;
        return WaitForAsync(wanted, cancellationToken);
    }

    private async Task<AnalysisSnapshot> WaitForAsync(long wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var advanced = Volatile.Read(ref _advanced).Task;
            var current = Current;
            if (current is not null && current.Sequence >= wanted) return current;
            if (State == "failed")
                throw new LocalRpcException($"the workspace could not be loaded: {LoadError}") { ErrorCode = LspErrorCodes.InternalError };
            if (State == "not-started")
                throw new LocalRpcException("the workspace is not loaded yet: send 'initialized' after 'initialize'") { ErrorCode = LspErrorCodes.ServerNotInitialized };
            await advanced.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(string loadPath, LoadOptions options, ProgressReporter progress, CancellationToken stopping)
    {
        try
        {
            await progress.BeginAsync("codecontext: loading workspace", loadPath).ConfigureAwait(false);
            using var progressLog = new ProgressLog(_log, line => progress.Report(line));
            var analysis = await CodebaseAnalysis.OpenAsync(loadPath, options with { Log = progressLog }, _cache, stopping).ConfigureAwait(false);
            Publish(new AnalysisSnapshot(analysis, 0));
            Volatile.Write(ref _lastActivity, Environment.TickCount64);
            // Loading may have added a codebase's worth of spans; keep the cache under its cap, off the protocol path.
            if (_cache is { } cache) _ = Task.Run(() => CacheTrimmer.TrimIfOver(cache, CacheTrimmer.ConfiguredMaxBytes()), CancellationToken.None);
            Volatile.Write(ref _state, "ready");
            await progress.EndAsync($"loaded {analysis.Workspace.Files.Count} files, {analysis.Graph.Edges.Count} edges ({analysis.Workspace.LoadMode})").ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            Volatile.Write(ref _loadError, e is UserError ? e.Message : $"{e.GetType().Name}: {e.Message}");
            Volatile.Write(ref _state, "failed");
            await _log.WriteLineAsync($"codecontext serve: loading '{loadPath}' failed: {e}").ConfigureAwait(false);
            await progress.EndAsync($"loading failed: {LoadError}").ConfigureAwait(false);
            Signal();
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await ApplyMutationsAsync(stopping).ConfigureAwait(false);
    }

    private async Task ApplyMutationsAsync(CancellationToken stopping)
    {
        try
        {
            var binding = true;
            while (true)
            {
                // Between changes, a focused load's name-matched files are bound a chunk at a time;
                // a change arriving meanwhile cancels the chunk, is applied, and binding resumes.
                // Readers see each chunk as it lands.
                if (binding && !_queue.Reader.TryPeek(out _) && Current!.Analysis.NameMatchedFiles > 0)
                {
                    Task noReads;
                    lock (_readGate) noReads = _noReads.Task;
                    var quiet = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastActivity));
                    if (!noReads.IsCompleted) await WaitForReadsOrChangeAsync(noReads, stopping).ConfigureAwait(false);
                    else if (quiet < QuietBeforeBinding) await WaitForReadsOrChangeAsync(Task.Delay(QuietBeforeBinding - quiet, stopping), stopping).ConfigureAwait(false);
                    else binding = await BindChunkAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                if (!await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false)) break;
                var batch = new List<Mutation>();
                while (_queue.Reader.TryRead(out var mutation)) batch.Add(mutation);
                if (batch.Count == 0) continue;
                var snapshot = Current!;
                var analysis = snapshot.Analysis;
                try
                {
                    analysis = await ApplyAsync(snapshot, batch, stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    // Readers wait for this batch's sequence number: publish even when it failed,
                    // or every later request would hang.
                    await _log.WriteLineAsync($"codecontext serve: {batch.Count} change(s) could not be applied: {e}").ConfigureAwait(false);
                }

                Publish(new AnalysisSnapshot(analysis, batch[^1].Sequence));
                Volatile.Write(ref _lastActivity, Environment.TickCount64);
                foreach (var opened in batch.OfType<EditorTextChanged>().Where(m => m.Opened).Select(m => m.FullPath).Distinct(StringComparer.Ordinal))
                    WarmCompilation(Current!, opened, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Files bound per background step: a second or two of binding on a large codebase.</summary>
    private const int BindChunk = 48;

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
        var snapshot = Current!;
        var analysis = snapshot.Analysis;
        var graph = analysis.Graph;
        bool Unbound(string path) => graph.IndexOf(path) is { } at && graph.Facts[at].NameMatched;
        var open = Documents.Paths.Select(snapshot.RelativePath).OfType<string>().Where(p => graph.IndexOf(p) is not null).ToList();
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
            Publish(new AnalysisSnapshot(bound, snapshot.Sequence));
            var left = bound.NameMatchedFiles;
            await _log.WriteLineAsync($"codecontext serve: bound {chunk.Count} files in the background, {left} left").ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return true; // a change came first; the chunk is bound again after it
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _log.WriteLineAsync($"codecontext serve: binding in the background stopped; {analysis.NameMatchedFiles} files stay matched by name: {e.Message}").ConfigureAwait(false);
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
        var changed = _queue.Reader.WaitToReadAsync(waiting.Token).AsTask();
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
            if (await _queue.Reader.WaitToReadAsync(preempted.Token).ConfigureAwait(false)) await preempted.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// One batch: each edited document once, with its latest unsaved text; then the disk changes
    /// of files that are not open (unsaved text wins over the disk).
    /// </summary>
    private async Task<CodebaseAnalysis> ApplyAsync(AnalysisSnapshot snapshot, IReadOnlyList<Mutation> batch, CancellationToken stopping)
    {
        var analysis = snapshot.Analysis;
        var edited = batch.OfType<EditorTextChanged>().Select(m => m.FullPath).Distinct(StringComparer.Ordinal);
        foreach (var fullPath in edited)
        {
            var open = Documents.Get(fullPath);
            var relative = snapshot.RelativePath(fullPath);
            if (open is null || relative is null) continue;
            if (analysis.Workspace.FindByRelativePath(relative) is null)
            {
                await _log.WriteLineAsync($"codecontext serve: '{relative}' is open but not a context file of the loaded codebase; its text is kept for the editor only").ConfigureAwait(false);
                continue;
            }

            var clock = Core.Diagnostics.TraceSpans.Start();
            analysis = await Guard(analysis, a => a.WithDocumentTextAsync(relative, open.Text.ToString(), stopping), relative).ConfigureAwait(false);
            Core.Diagnostics.TraceSpans.Lap(clock, $"change applied to {relative} ({batch.Count} in the batch)");
        }

        var onDisk = batch.OfType<DiskChanged>()
            .SelectMany(m => m.FullPaths)
            .Distinct(StringComparer.Ordinal)
            .Where(p => Documents.Get(p) is null)
            .Select(p => snapshot.RelativePath(p))
            .OfType<string>()
            .Select(relative => Path.Combine(analysis.Workspace.RootDirectory, relative))
            .ToList();
        if (onDisk.Count > 0)
            analysis = await Guard(analysis, a => a.WithFilesChangedOnDiskAsync(onDisk, stopping), $"{onDisk.Count} changed file(s)").ConfigureAwait(false);
        return analysis;
    }

    /// <summary>
    /// Builds the compilation of an opened document's project in the background, unless it exists.
    /// The first code edit of a document needs its semantic model, and building the compilation
    /// first costs seconds on a large project (Polly.Core: about 5 s on a loaded 2-core machine);
    /// later snapshots fork the compilation built here, so the developer's first keystrokes do not
    /// wait for it. Nothing is published: the snapshot's solution keeps what was built.
    /// </summary>
    private void WarmCompilation(AnalysisSnapshot snapshot, string fullPath, CancellationToken stopping)
    {
        var workspace = snapshot.Analysis.Workspace;
        if (snapshot.RelativePath(fullPath) is not { } relative || workspace.FindByRelativePath(relative) is not { } file) return;
        if (workspace.Solution.GetProject(file.ProjectId) is not { } project || project.TryGetCompilation(out _)) return;
        _ = Task.Run(async () =>
        {
            var clock = Core.Diagnostics.TraceSpans.Start();
            try
            {
                // The compilation alone is lazy: declaring the document's symbols also loads the
                // referenced assemblies and the project's declarations, which forks keep.
                if (project.GetDocument(file.DocumentId) is { } document && await document.GetSemanticModelAsync(stopping).ConfigureAwait(false) is { } model)
                    _ = model.GetDeclarationDiagnostics(cancellationToken: stopping);
                Core.Diagnostics.TraceSpans.Lap(clock, $"warmed the compilation of {project.Name} for {relative}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await _log.WriteLineAsync($"codecontext serve: warming the compilation for '{relative}' failed: {e.Message}").ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
    }

    /// <summary>A change that cannot be applied is logged and skipped; the previous state stays.</summary>
    private async Task<CodebaseAnalysis> Guard(CodebaseAnalysis analysis, Func<CodebaseAnalysis, Task<CodebaseAnalysis>> update, string what)
    {
        try
        {
            return await update(analysis).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _log.WriteLineAsync($"codecontext serve: could not apply the change to {what}: {e.Message}").ConfigureAwait(false);
            return analysis;
        }
    }

    private void Publish(AnalysisSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        Signal();
    }

    private void Signal()
    {
        var previous = Interlocked.Exchange(ref _advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
