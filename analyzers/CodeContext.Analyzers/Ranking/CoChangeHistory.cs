using CodeContext.Core;

namespace CodeContext.Analyzers.Ranking;

/// <summary>One commit's touched C# files, relative to the loaded root.</summary>
public sealed record ChangeSet(string Sha, IReadOnlyList<string> Files);

/// <summary>How strongly a file changed together with another, and in how many commits.</summary>
public readonly record struct CoChange(double Score, int Commits);

/// <summary>
/// The repository's own memory of which files change together (git log). Files edited in the same
/// commit are related in ways no symbol graph shows (a feature touching a handler, its validator
/// and its test).
/// </summary>
public sealed class CoChangeHistory
{
    private readonly Dictionary<string, List<int>> _commitsByFile = new(StringComparer.Ordinal);

    public CoChangeHistory(IReadOnlyList<ChangeSet> commits, int maxFilesPerCommit)
    {
        Commits = commits;
        MaxFilesPerCommit = maxFilesPerCommit;
        for (var i = 0; i < commits.Count; i++)
        {
            foreach (var file in commits[i].Files)
            {
                if (!_commitsByFile.TryGetValue(file, out var list)) _commitsByFile[file] = list = [];
                list.Add(i);
            }
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ChangeSet> Commits { get; }

    public int MaxFilesPerCommit { get; }

    public static CoChangeHistory Empty { get; } = new([], 0);

    /// <summary>Reads the history of the git repository holding <paramref name="root"/>; empty when there is none.</summary>
    /// <param name="cache">Where the log is kept per HEAD commit (<see cref="GitLogCache"/>); null runs git every time.</param>
    public static CoChangeHistory Read(string root, CoChangeParameters parameters, TextWriter? log = null, CacheDirectory? cache = null)
    {
        if (!IsInsideGitRepository(root)) return Empty;
        try
        {
            string[] arguments = ["log", "--relative", "--no-merges", "--name-only", "--format=%x1e%H", "-n", parameters.MaxCommits.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", "*.cs"];
            var (exit, output, errors) = cache is null ? GitCommand.Run(root, arguments) : new GitLogCache(cache).Run(root, arguments);
            if (exit == GitCommand.TimedOut) log?.WriteLine($"codecontext: no co-change history: {errors}");
            if (exit != 0) return Empty;
            var commits = output.Split('\u001e', StringSplitOptions.RemoveEmptyEntries)
                .Select(block => block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(lines => lines.Length > 0)
                .Select(lines => new ChangeSet(lines[0], [.. lines.Skip(1).Distinct(StringComparer.Ordinal)]))
                .ToList();
            log?.WriteLine($"codecontext: read {commits.Count} commits of co-change history");
            return new CoChangeHistory(commits, parameters.MaxFilesPerCommit);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Empty; // no git on this machine: the signal is simply absent
        }
    }

    /// <summary>
    /// How strongly each file changed together with <paramref name="path"/>: each shared commit adds
    /// 1/(files in it - 1), so sweeping commits count little. With <paramref name="before"/>, only
    /// commits older than that one count (benchmarks must not peek at the answer).
    /// </summary>
    /// <param name="halfLife">With a positive value, a commit this many commits older than the newest counted weighs half (0: all alike).</param>
    public Dictionary<string, CoChange> Partners(string path, string? before = null, double halfLife = 0)
    {
        var scores = new Dictionary<string, CoChange>(StringComparer.Ordinal);
        if (!_commitsByFile.TryGetValue(path, out var commitIndices)) return scores;
        var firstAllowed = 0;
        if (before is not null)
        {
            var cut = IndexOf(before);
            if (cut < 0) return scores;
            firstAllowed = cut + 1;
        }
        foreach (var index in commitIndices)
        {
            if (index < firstAllowed) continue;
            var files = Commits[index].Files;
            if (files.Count < 2 || files.Count > MaxFilesPerCommit) continue;
            var share = Decay(index - firstAllowed, halfLife) / (files.Count - 1);
            foreach (var other in files)
            {
                if (other == path) continue;
                var current = scores.GetValueOrDefault(other);
                scores[other] = new CoChange(current.Score + share, current.Commits + 1);
            }
        }
        return scores;
    }

    /// <summary>
    /// How much each file has changed lately (commits touching it, each decayed by its age with
    /// <paramref name="halfLife"/>): the files a codebase keeps changing are likelier to change next.
    /// </summary>
    public Dictionary<string, double> Churn(string? before, double halfLife)
    {
        var churn = new Dictionary<string, double>(StringComparer.Ordinal);
        var firstAllowed = 0;
        if (before is not null)
        {
            var cut = IndexOf(before);
            if (cut < 0) return churn;
            firstAllowed = cut + 1;
        }
        for (var index = firstAllowed; index < Commits.Count; index++)
        {
            var files = Commits[index].Files;
            if (files.Count > MaxFilesPerCommit) continue;
            var weight = Decay(index - firstAllowed, halfLife);
            foreach (var file in files) churn[file] = churn.GetValueOrDefault(file) + weight;
        }
        return churn;
    }

    private static double Decay(int age, double halfLife) => halfLife > 0 ? Math.Pow(0.5, age / halfLife) : 1;

    private int IndexOf(string sha)
    {
        for (var i = 0; i < Commits.Count; i++)
        {
            if (Commits[i].Sha.StartsWith(sha, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    private static bool IsInsideGitRepository(string root)
    {
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) return true;
        }
        return false;
    }
}
