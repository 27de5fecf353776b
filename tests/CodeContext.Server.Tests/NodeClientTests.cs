using System.Diagnostics;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests;

/// <summary>A fact that is skipped, saying why, when node is not installed.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeClient.Node is null) Skip = "node is not installed: the vscode-jsonrpc client test needs it (CI installs it with .ci/steps/server.sh)";
    }
}

/// <summary>The Node client (vscode-jsonrpc) drives the real server: initialize -> compose -> shutdown -> exit.</summary>
public sealed class NodeClientTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [NodeFact]
    public async Task The_vscode_jsonrpc_client_composes_through_the_real_server()
    {
        var folder = Path.Combine(RepoLayout.Root, "tests", "node-client");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "vscode-jsonrpc")))
        {
            var (installCode, installOutput) = await NodeClient.RunAsync("npm", folder, "ci", "--no-audit", "--no-fund");
            Assert.True(installCode == 0, $"npm ci in tests/node-client failed:\n{installOutput}");
        }

        var (code, output) = await NodeClient.RunAsync(NodeClient.Node!, folder, "compose.test.mjs", RepoLayout.ServerDll, _workspace.Root, _workspace.CacheDirectory);
        Assert.True(code == 0, $"node client failed ({code}):\n{output}");
        Assert.Contains("node-client: ok", output, StringComparison.Ordinal);
    }
}

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
