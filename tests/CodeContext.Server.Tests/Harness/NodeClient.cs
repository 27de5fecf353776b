using System.Diagnostics;

namespace CodeContext.Server.Tests.Harness;

/// <summary>A fact that is skipped, saying why, when node is not installed.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeClient.Node is null) Skip = "node is not installed: the vscode-jsonrpc client test needs it (CI installs it with .ci/steps/server.sh)";
    }
}

/// <summary>node and npm from PATH, run in a folder with a time limit.</summary>
internal static class NodeClient
{
    public static string? Node { get; } = Find("node");

    public static async Task<(int Code, string Output)> RunAsync(string program, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
