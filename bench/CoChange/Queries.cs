using System.Diagnostics;
using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Ranking;

namespace CodeContext.Bench.CoChange;

/// <summary>One evaluated query: a touched file of a commit as the active file, the commit's other touched files as the answer.</summary>
internal sealed record Query(string Sha, string Active, IReadOnlySet<string> Answer, string Message)
{
    /// <summary>The symbol the developer's cursor most likely was on (<see cref="Cursors"/>), if any.</summary>
    public string? CursorId { get; init; }
}

/// <summary>
/// The evaluated commits: the most recent non-merge commits touching 2-8 C# files that are context
/// files of the current tree. Generated files, files over the size limit and files outside every
/// project are not in the graph, so they are neither active files nor answers, for every method.
/// </summary>
internal static class Queries
{
    public static (IReadOnlyList<Query> Queries, int Commits, string OldestSha) From(FileGraph graph, CoChangeHistory history, string root, int maxCommits)
    {
        var messages = Subjects(root);
        var commits = history.Commits
            .Where(commit => commit.Files.Count is >= 2 and <= 8)
            .Select(commit => (commit.Sha, Files: commit.Files.Where(f => graph.IndexOf(f) is not null).ToList()))
            .Where(commit => commit.Files.Count >= 2)
            .Take(maxCommits)
            .ToList();
        var queries = commits
            .SelectMany(commit => commit.Files.Select(active => new Query(
                commit.Sha, active, commit.Files.Where(f => f != active).ToHashSet(StringComparer.Ordinal), messages.GetValueOrDefault(commit.Sha, ""))))
            .ToList();
        return (queries, commits.Count, commits.Count == 0 ? "" : commits[^1].Sha);
    }

    /// <summary>Each commit's subject line: the task benchmark's question.</summary>
    private static Dictionary<string, string> Subjects(string root)
    {
        var psi = new ProcessStartInfo("git", ["log", "--no-merges", "--format=%H%x1f%s", "-n", "5000"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\u001f', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
    }
}
