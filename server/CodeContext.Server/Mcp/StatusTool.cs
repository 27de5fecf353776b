using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CodeContext.Server.Rpc;
using CodeContext.Server.Rpc.Handlers;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeContext.Server.Mcp;

/// <summary>status: serve's codeContext/status, in words; never waits for loading.</summary>
internal sealed class StatusTool(ServerServices context, McpOptions options)
{
    [McpServerTool(Name = "status", Title = "CodeContext server status", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description(ToolTexts.Status)]
    public CallToolResult Status()
    {
        var status = new StatusHandler(context).Handle();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{status.State}: {status.Root}");
        text.Append(CultureInfo.InvariantCulture, $"; {status.Files} C# files as context, {status.Edges} symbol edges, load mode {status.LoadMode ?? "(not loaded yet)"}");
        if (status.NameMatchedFiles > 0) text.Append(CultureInfo.InvariantCulture, $"; {status.NameMatchedFiles} files matched by name, still being bound in the background");
        if (status.PendingChanges > 0) text.Append(CultureInfo.InvariantCulture, $"; {status.PendingChanges} disk changes being applied");
        text.Append(CultureInfo.InvariantCulture, $".\nDefaults: budget {options.Budget} tokens, profile {options.Profile}.\n");
        foreach (var degraded in status.Degraded)
            text.Append(CultureInfo.InvariantCulture, $"Degraded: {degraded.Path}: {degraded.Reason}; using {degraded.Fallback}.\n");
        if (status.Error is { } error) text.Append(CultureInfo.InvariantCulture, $"Loading failed: {error}\n");
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text.ToString() }],
            StructuredContent = JsonSerializer.SerializeToElement(status, LspJson.Options),
        };
    }
}
