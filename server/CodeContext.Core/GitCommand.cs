using System.Diagnostics;

namespace CodeContext.Core;

/// <summary>
/// git as every part of CodeContext runs it: it never gets this process's stdin (under `serve` and
/// `mcp` that is the protocol stream, which it must not share), never asks for credentials, takes
/// no optional locks, and runs no fsmonitor command a repository's own config may name. A run
/// that does not end within a limit is killed: a hostile repository can make git wait forever (a
/// FIFO in place of .git/shallow blocks `git log` on its open).
/// </summary>
public static class GitCommand
{
    /// <summary>The exit code of a run that was killed at its time limit.</summary>
    public const int TimedOut = -1;

    /// <summary>Longer than any history read this product asks for takes on a large repository (seconds), short of a hang.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    /// <summary>Runs git in <paramref name="folder"/> to its end, or kills it after <paramref name="limit"/> (<see cref="DefaultLimit"/>) and answers <see cref="TimedOut"/>. Throws <see cref="System.ComponentModel.Win32Exception"/> when git is not installed.</summary>
    public static (int Exit, string Output, string Errors) Run(string folder, IEnumerable<string> arguments, TimeSpan? limit = null)
    {
        var psi = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        foreach (var argument in (IEnumerable<string>)["-c", "core.fsmonitor=false", .. arguments]) psi.ArgumentList.Add(argument);
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        var within = limit ?? DefaultLimit;
        if (!process.WaitForExit(within))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended just now.
            }

            return (TimedOut, "", $"git {psi.ArgumentList[2]} did not finish within {within.TotalSeconds:0} s and was stopped");
        }

        process.WaitForExit(); // the output streams are read to their end
        return (process.ExitCode, output.Result, errors.Result);
    }
}
