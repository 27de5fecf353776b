using CodeContext.Server.Rpc.State;
using StreamJsonRpc;

namespace CodeContext.Server.Mcp;

/// <summary>
/// MCP has no document sync, so the tree itself is watched: C# files created, changed, deleted or
/// renamed under the root are collected and, once quiet for a moment (editors and agents write a
/// file in several steps), handed to the same incremental update that serve's
/// workspace/didChangeWatchedFiles uses. A tool call first adds the files whose stamps changed
/// (<see cref="StampSweep"/>) and flushes what is pending, so a context asked for right after an
/// edit reflects it.
/// </summary>
internal sealed class TreeWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    // Build output and tool folders change constantly during a build and never hold context; the
    // loader's own filter (.gitignore, .codecontextignore, generated code) is applied again by
    // the update itself, so a file it would skip never joins the graph.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", ".vs", "node_modules" };

    private readonly WorkspaceHost _host;
    private readonly string _root;
    private readonly TextWriter _log;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private readonly StampSweep _sweep = new();
    private HashSet<string> _pending = new(StringComparer.Ordinal);

    public TreeWatcher(WorkspaceHost host, string root, TextWriter log)
    {
        _host = host;
        _root = Path.GetFullPath(root);
        _log = log;
        _timer = new Timer(_ => Flush([]), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, e) => Add(e.FullPath);
        _watcher.Created += (_, e) => Add(e.FullPath);
        _watcher.Deleted += (_, e) => Add(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            Add(e.OldFullPath);
            Add(e.FullPath);
        };
        // An overflow loses events: say so. Edits to known files are still found by the stamp sweep.
        _watcher.Error += (_, e) => _log.WriteLine($"codecontext mcp: the file watcher lost events ({e.GetException().Message}); new files created meanwhile join once they change again");
        try
        {
            _watcher.EnableRaisingEvents = true;
        }
        catch (IOException e)
        {
            // E.g. the system's limit of inotify watches on a very large tree: serve without events.
            _log.WriteLine($"codecontext mcp: cannot watch {_root} ({e.Message}); edits to the codebase's files are still seen at each call, new files are not");
        }
    }

    /// <summary>
    /// Before a tool call: the codebase's files whose stamps changed since the last call join the
    /// pending changes, and every pending change goes to the workspace now.
    /// </summary>
    public void Sync() =>
        Flush(_host.Current is { } snapshot ? _sweep.Changed(snapshot.Analysis.Workspace.Files.Select(f => f.FullPath)) : []);

    /// <summary>Hands the swept changes and every pending watcher change not handed over yet to the workspace.</summary>
    private void Flush(IReadOnlyList<string> swept)
    {
        HashSet<string> pending;
        lock (_gate)
        {
            pending = _pending;
            _pending = new HashSet<string>(StringComparer.Ordinal);
        }

        var changed = _sweep.NotHandedOver(pending).Concat(swept).Distinct(StringComparer.Ordinal).ToList();
        if (changed.Count == 0) return;
        var confined = new List<string>();
        foreach (var path in changed)
        {
            try
            {
                confined.Add(_host.Paths!.Confine(new Uri(path).AbsoluteUri, "watched file"));
            }
            catch (LocalRpcException e)
            {
                // A link that leads out of the root: never read.
                _log.WriteLine($"codecontext mcp: ignored a change: {e.Message}");
            }
        }

        if (confined.Count == 0) return;
        _log.WriteLine($"codecontext mcp: {confined.Count} file(s) changed on disk: {string.Join(", ", confined.Take(5).Select(p => _host.Current?.RelativePath(p) ?? p))}{(confined.Count > 5 ? ", ..." : "")}");
        _host.DiskChanged(confined);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }

    private void Add(string fullPath)
    {
        if (InSkippedFolder(fullPath)) return;
        var files = Expand(fullPath).Where(IsSource).ToList();
        if (files.Count == 0) return;
        lock (_gate)
        {
            foreach (var file in files) _pending.Add(file);
        }

        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// A folder event stands for the C# files in it: those on disk now (created or renamed in) and
    /// those the current snapshot knows under it (deleted or renamed away).
    /// </summary>
    private IEnumerable<string> Expand(string fullPath)
    {
        if (fullPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) return [fullPath];
        var onDisk = Directory.Exists(fullPath) ? Directory.EnumerateFiles(fullPath, "*.cs", SearchOption.AllDirectories) : [];
        var known = _host.Current?.Analysis.Workspace.Files
            .Select(f => f.FullPath)
            .Where(p => p.StartsWith(fullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal)) ?? [];
        return [.. onDisk.Concat(known)];
    }

    private bool IsSource(string fullPath) =>
        fullPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !InSkippedFolder(fullPath);

    /// <summary>Whether the path is, or lies below, a folder that never holds context (checked before a folder event is expanded).</summary>
    private bool InSkippedFolder(string fullPath) =>
        Path.GetRelativePath(_root, fullPath).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains);
}
