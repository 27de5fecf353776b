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
        var (exit, stdout, stderr) = await HostileCli.RunAsync(arguments, workingDirectory: workingDirectory);
        return new CliRun(exit, stdout, stderr);
    }
}
