using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Mcp;

/// <summary>
/// The official MCP TypeScript SDK's client (Client + StdioClientTransport) drives the real
/// `codecontext mcp` process on a copy of the sample: tests/mcp-client/mcp.test.mjs.
/// </summary>
public sealed class McpNodeClientTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [NodeFact]
    public async Task The_typescript_sdk_client_lists_and_calls_every_tool_of_the_real_server()
    {
        var folder = Path.Combine(RepoLayout.Root, "tests", "mcp-client");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@modelcontextprotocol", "sdk")))
        {
            var (installCode, installOutput) = await NodeClient.RunAsync("npm", folder, "ci", "--no-audit", "--no-fund");
            Assert.True(installCode == 0, $"npm ci in tests/mcp-client failed:\n{installOutput}");
        }

        var (code, output) = await NodeClient.RunAsync(NodeClient.Node!, folder, "mcp.test.mjs", RepoLayout.ServerDll, _workspace.Root, _workspace.CacheDirectory);
        Assert.True(code == 0, $"MCP client failed ({code}):\n{output}");
        Assert.Contains("mcp-client: ok", output, StringComparison.Ordinal);
    }
}
