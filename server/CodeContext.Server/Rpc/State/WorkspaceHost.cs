using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;

namespace CodeContext.Server.Rpc.State;

/// <summary>
/// The server's codebase state: it loads the codebase and holds the current immutable
/// <see cref="AnalysisSnapshot"/> that reads take. Mutations (editor text, disk changes) go
/// through one <see cref="MutationQueue"/> and are applied one batch at a time by a single
/// worker, so they never race and each read sees every change sent before it; between batches
/// the <see cref="BackgroundBinder"/> binds a focused load's remaining files.
/// </summary>
internal sealed class WorkspaceHost
{
    private readonly MutationQueue _queue = new();
    private readonly BackgroundBinder _binder;
    private readonly TextWriter _log;
    private readonly CacheDirectory? _cache;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AnalysisSnapshot? _current;
    private Task? _worker;
    private string? _loadError;
    private int _state = (int)WorkspaceState.NotStarted;

    public WorkspaceHost(CacheDirectory? cache, TextWriter log)
    {
        _cache = cache;
        _log = log;
        ComposeSession = new CodeContext.Packing.ComposeSession(cache);
        _binder = new BackgroundBinder(_queue, Documents, () => Current!, Publish, log);
    }

    public OpenDocuments Documents { get; } = new();

    /// <summary>What composes keep between requests (rankings, candidates, layouts, pages, the last plan).</summary>
    public CodeContext.Packing.ComposeSession ComposeSession { get; }

    public WorkspacePaths? Paths { get; private set; }

    public CacheDirectory? Cache => _cache;

    public WorkspaceState State => (WorkspaceState)Volatile.Read(ref _state);

    public string? LoadError => Volatile.Read(ref _loadError);

    public AnalysisSnapshot? Current => Volatile.Read(ref _current);

    public long Enqueued => _queue.Enqueued;

    public void SetRoot(string root) => Paths = new WorkspacePaths(root);

    /// <summary>A request is being answered until the lease is disposed (background binding waits meanwhile).</summary>
    public IDisposable BeginRead() => _binder.BeginRead();

    /// <summary>Loads the codebase, then applies queued mutations until <see cref="Stop"/>.</summary>
    /// <param name="classifyWhileLoading">Whether the graph walk should leave semantic colours in the compose session (the expected profile's pages need them); otherwise a colour compose classifies the files it renders when it renders them.</param>
    public void Start(string loadPath, LoadOptions options, ProgressReporter progress, bool classifyWhileLoading)
    {
        SetState(WorkspaceState.Loading);
        options = options with { ClassifiedSpans = classifyWhileLoading ? ComposeSession.ClassifiedSpans : null };
        _worker = Task.Run(() => RunAsync(loadPath, options, progress, _stopping.Token));
    }

    public void Stop()
    {
        _queue.Complete();
        _stopping.Cancel();
    }

    public void TextChanged(string fullPath, bool opened = false) => _queue.TextChanged(fullPath, opened);

    public void DiskChanged(IReadOnlyList<string> fullPaths)
    {
        ComposeSession.ForgetDisk();
        _queue.DiskChanged(fullPaths);
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
            if (State == WorkspaceState.Failed)
                throw RequestErrors.Internal($"the workspace could not be loaded: {LoadError}");
            if (State == WorkspaceState.NotStarted)
                throw RequestErrors.NotInitialized("the workspace is not loaded yet: send 'initialized' after 'initialize'");
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
            _binder.MarkActivity();
            // Loading may have added a codebase's worth of spans; keep the cache under its cap, off the protocol path.
            if (_cache is { } cache) _ = Task.Run(() => CacheTrimmer.TrimIfOver(cache, CacheTrimmer.ConfiguredMaxBytes()), CancellationToken.None);
            SetState(WorkspaceState.Ready);
            await progress.EndAsync($"loaded {analysis.Workspace.Files.Count} files, {analysis.Graph.Edges.Count} edges ({analysis.Workspace.LoadMode})").ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            Volatile.Write(ref _loadError, e is UserError ? e.Message : $"{e.GetType().Name}: {e.Message}");
            SetState(WorkspaceState.Failed);
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
                if (binding && !_queue.HasPending && Current!.Analysis.NameMatchedFiles > 0)
                {
                    binding = await _binder.StepAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                if (!await _queue.WaitAsync(stopping).ConfigureAwait(false)) break;
                var batch = _queue.TakeAll();
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
                _binder.MarkActivity();
                foreach (var opened in batch.OfType<EditorTextChanged>().Where(m => m.Opened).Select(m => m.FullPath).Distinct(StringComparer.Ordinal))
                    CompilationWarmer.Start(Current!, opened, _log, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
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

    private void SetState(WorkspaceState state) => Volatile.Write(ref _state, (int)state);

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
