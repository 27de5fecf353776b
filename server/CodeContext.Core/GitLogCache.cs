using System.Text;
using CodeContext.Core.Caching;

namespace CodeContext.Core;

/// <summary>
/// The output of a git command that depends only on the commits behind HEAD (a `git log` of the
/// co-change history), kept per HEAD commit, folder and arguments: on a large repository the log
/// was about a tenth of a warm run's CPU (git's and its parsing), for the same answer as last time.
/// A new commit, another folder or other arguments is another key; only a successful run is kept.
/// What HEAD alone does not name is not in the key: a shallow clone deepened at the same HEAD
/// keeps its shorter log until the next commit (a ranking signal, never what is shown).
/// </summary>
public sealed class GitLogCache(CacheDirectory directory)
{
    // Bump when what is stored changes.
    private const string Version = "git-log-1";

    /// <summary>One small file per repository head and command; a new commit leaves the old one to trimming.</summary>
    public static readonly CacheArea Area = new("git-log", CacheEntryShape.File, Sharded: false, Trimmed: true, ".txt");

    private readonly CacheStore _store = new(directory, Area);

    /// <summary>As <see cref="GitCommand.Run"/>, answered from the cache while HEAD is the commit it was run at.</summary>
    public (int Exit, string Output, string Errors) Run(string folder, IReadOnlyList<string> arguments)
    {
        var (headExit, head, _) = GitCommand.Run(folder, ["rev-parse", "--verify", "--quiet", "HEAD"]);
        if (headExit != 0) return GitCommand.Run(folder, arguments);

        var key = ContentHash.Combine([Version, RepoPath.Normalize(folder), head.Trim(), .. arguments]);
        if (_store.TryRead(key, bytes => Encoding.UTF8.GetString(bytes)) is { } cached) return (0, cached, "");

        var run = GitCommand.Run(folder, arguments);
        if (run.Exit == 0) _store.TryWrite(key, Encoding.UTF8.GetBytes(run.Output)); // a failed write costs a run of git next time
        return run;
    }
}
