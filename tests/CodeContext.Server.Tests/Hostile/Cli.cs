using System.Diagnostics;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>What one run of the real `codecontext` executable did.</summary>
public sealed record CliRun(int Exit, string Out, string Err)
{
    public override string ToString() => $"exit {Exit}\nstdout: {Out}\nstderr: {Err}";
}

/// <summary>
/// Runs the real executable (the build CODECONTEXT_REPO_ROOT names, else this repository's), so
/// the hostile corpus can be run against another build to see each case fail there.
/// </summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(RepoLayout.ServerDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"codecontext {string.Join(' ', arguments)} did not finish in 3 minutes (a hang)");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
