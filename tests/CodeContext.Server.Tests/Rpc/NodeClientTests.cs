using System.Diagnostics;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

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
