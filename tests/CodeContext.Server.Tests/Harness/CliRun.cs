using System.Diagnostics;

namespace CodeContext.Server.Tests.Harness;

/// <summary>Runs the codecontext executable once from the repository's root and collects its exit code and output.</summary>
internal static class CliRun
{
    /// <summary>The codecontext build copied beside the test assembly (the server project is referenced).</summary>
    public static string TestBuild => Path.Combine(AppContext.BaseDirectory, "codecontext.dll");

    public static Task<(int Exit, string Out, string Err)> RunAsync(params string[] arguments) => RunAsync(TestBuild, arguments);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string dll, IEnumerable<string> arguments, Action<ProcessStartInfo>? configure = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoLayout.Root };
        psi.ArgumentList.Add(dll);
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        configure?.Invoke(psi);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
