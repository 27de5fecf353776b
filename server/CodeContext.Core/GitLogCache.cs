using System.Text;
using CodeContext.Core.Caching;

namespace CodeContext.Core;

/// <summary>
/// The output of a git command that depends only on the commits behind HEAD (a `git log` of the
/// co-change history), kept per HEAD commit, folder and arguments: on a large repository the log
/// was about a tenth of a warm run's CPU (git's and its parsing), for the same answer as last time.
/// A new commit, another folder or other arguments is another key; only a successful run is kept.
/// A shallow clone's log also depends on where its history is cut (git's shallow file), so a
/// clone deepened or fetched with another depth at the same HEAD is another key too.
/// </summary>
public sealed class GitLogCache(CacheDirectory directory)
{
    // Bump when what is stored changes.
    private const string Version = "git-log-2";

    /// <summary>One small file per repository head and command; a new commit leaves the old one to trimming.</summary>
    public static readonly CacheArea Area = new("git-log", CacheEntryShape.File, Sharded: false, Trimmed: true, ".txt");

    private readonly CacheStore _store = new(directory, Area);

    /// <summary>As <see cref="GitCommand.Run"/>, answered from the cache while HEAD is the commit it was run at.</summary>
    public (int Exit, string Output, string Errors) Run(string folder, IReadOnlyList<string> arguments)
    {
        // One git run for all three: "true"/"false", the shallow file's path, the HEAD commit.
        var (headExit, state, headErrors) = GitCommand.Run(folder, ["rev-parse", "--is-shallow-repository", "--git-path", "shallow", "--verify", "--quiet", "HEAD"]);
        if (headExit == GitCommand.TimedOut) return (headExit, "", headErrors); // the log would wait just as long
        var lines = state.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (headExit != 0 || lines.Length != 3 || ShallowCut(folder, lines[0], lines[1]) is not { } cut) return GitCommand.Run(folder, arguments);

        var key = ContentHash.Combine([Version, RepoPath.Normalize(folder), lines[2], cut, .. arguments]);
        if (_store.TryRead(key, bytes => Encoding.UTF8.GetString(bytes)) is { } cached) return (0, cached, "");

        var run = GitCommand.Run(folder, arguments);
        if (run.Exit == 0) _store.TryWrite(key, Encoding.UTF8.GetBytes(run.Output)); // a failed write costs a run of git next time
        return run;
    }

    /// <summary>Where a shallow clone's history ends (its shallow file's content); empty for a full clone; null when it cannot be read (not cached then).</summary>
    private static string? ShallowCut(string folder, string isShallow, string shallowFile)
    {
        if (isShallow != "true") return "";
        try
        {
            return File.ReadAllText(Path.Combine(folder, shallowFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
