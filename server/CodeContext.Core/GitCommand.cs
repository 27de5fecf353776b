using System.Diagnostics;

namespace CodeContext.Core;

/// <summary>
/// git as every part of CodeContext runs it: it never gets this process's stdin (under `serve` and
/// `mcp` that is the protocol stream, which it must not share), never asks for credentials, takes
/// no optional locks, and runs no fsmonitor command a repository's own config may name.
/// </summary>
public static class GitCommand
{
    /// <summary>Runs git in <paramref name="folder"/> to its end. Throws <see cref="System.ComponentModel.Win32Exception"/> when git is not installed.</summary>
    public static (int Exit, string Output, string Errors) Run(string folder, IEnumerable<string> arguments)
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
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
