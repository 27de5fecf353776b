using System.Globalization;
using System.Text.RegularExpressions;
using CodeContext.Core;
using CodeContext.Packing.Summary;

namespace CodeContext.Server.Summarize;

/// <summary>What git says changed in C# files since a ref: each file's changed lines, and the files deleted.</summary>
internal sealed record GitChangeSet(IReadOnlyList<(string Path, IReadOnlyList<LineRange> Lines)> Changed, IReadOnlyList<string> Deleted);

/// <summary>
/// --changed-since REF: the C# files that differ between the merge base of REF and HEAD and the
/// working tree, as a pull request shows them (a branch that moved on since REF does not count
/// its own later commits), with the changed lines of each from a zero-context diff.
/// </summary>
internal static partial class GitChanges
{
    public static GitChangeSet Since(string folder, string reference)
    {
        if (reference.StartsWith('-')) throw new UserError($"--changed-since '{reference}' is not a git ref");
        var mergeBase = Run(folder, reference, "merge-base", reference, "HEAD").Trim();
        var diff = Parse(Run(folder, reference, "diff", "--no-color", "--no-ext-diff", "--no-renames", "-U0", "--relative", mergeBase, "--", "*.cs"));
        // Files not yet added are part of the change a local run is asked about: new, so every line is.
        var untracked = Run(folder, reference, "ls-files", "--others", "--exclude-standard", "--", "*.cs")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => (path, (IReadOnlyList<LineRange>)[new LineRange(1, int.MaxValue)]));
        return diff with { Changed = [.. diff.Changed, .. untracked] };
    }

    /// <summary>
    /// Each file's lines that differ from HEAD in the working tree (every line when git does not
    /// track it; none for a file that does not exist); null when <paramref name="folder"/> is not
    /// in a git work tree with a HEAD commit, or git is missing.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<LineRange>>? AgainstHead(string folder, IReadOnlyList<string?> fullPaths)
    {
        try
        {
            if (GitCommand.Run(folder, ["rev-parse", "--is-inside-work-tree"]) is not (0, var inside, _) || inside.Trim() != "true"
                || GitCommand.Run(folder, ["rev-parse", "--verify", "--quiet", "HEAD"]).Exit != 0)
                return null;
            return [.. fullPaths.Select(file => file is null ? [] : LinesAgainstHead(folder, file))];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: the caller marks the files whole
        }
    }

    private static IReadOnlyList<LineRange> LinesAgainstHead(string folder, string file)
    {
        if (GitCommand.Run(folder, ["ls-files", "--error-unmatch", "--", file]).Exit != 0) return [new LineRange(1, int.MaxValue)];
        var (exit, diff, _) = GitCommand.Run(folder, ["diff", "--no-color", "--no-ext-diff", "--no-renames", "-U0", "HEAD", "--", file]);
        return exit == 0 && Parse(diff).Changed is [var (_, lines), ..] ? lines : [];
    }

    /// <summary>Reads `git diff -U0` output: "+++ b/path" opens a file, "@@ -a,b +c,d @@" adds lines c..c+d-1.</summary>
    internal static GitChangeSet Parse(string diff)
    {
        var changed = new List<(string, IReadOnlyList<LineRange>)>();
        var deleted = new List<string>();
        string? from = null;
        string? path = null;
        List<LineRange>? lines = null;
        void Close()
        {
            if (path is not null) changed.Add((path, lines!));
            path = null;
        }

        foreach (var line in diff.Split('\n'))
        {
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                Close();
                from = line.StartsWith("--- a/", StringComparison.Ordinal) ? line[6..] : null;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                if (line == "+++ /dev/null")
                {
                    if (from is not null) deleted.Add(from);
                }
                else
                {
                    path = line.StartsWith("+++ b/", StringComparison.Ordinal) ? line[6..] : line[4..];
                    lines = [];
                }
            }
            else if (path is not null && Hunk().Match(line) is { Success: true } hunk)
            {
                var start = int.Parse(hunk.Groups[1].Value, CultureInfo.InvariantCulture);
                var count = hunk.Groups[2].Success ? int.Parse(hunk.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
                // A hunk of removed lines only changes no line of the new text.
                if (count > 0) lines!.Add(new LineRange(start, start + count - 1));
            }
        }

        Close();
        return new GitChangeSet(changed, deleted);
    }

    [GeneratedRegex(@"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex Hunk();

    /// <summary>Runs git (<see cref="GitCommand"/>); a failure is the user's to fix: one line naming the ref and git's first word on it.</summary>
    private static string Run(string folder, string reference, params string[] arguments)
    {
        try
        {
            var (exit, output, errors) = GitCommand.Run(folder, arguments);
            if (exit == 0) return output;
            var first = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {exit}";
            throw new UserError($"--changed-since '{reference}': git {arguments[0]} failed in {folder}: {first}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UserError("--changed-since needs git, which is not on the PATH");
        }
    }
}
