using System.ComponentModel;
using System.Text.Json;
using CodeContext.Server.Rpc;
using CodeContext.Server.Rpc.Compose;
using CodeContext.Server.Rpc.Handlers;
using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeContext.Server.Mcp;

/// <summary>get_context and read_region: the mixed context itself, and any part of it back as exact text.</summary>
internal sealed class ContextTools(McpToolCall call, McpOptions options)
{
    [McpServerTool(Name = "get_context", Title = "Ranked, budgeted context for a file", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description(ToolTexts.GetContext)]
    public Task<CallToolResult> GetContextAsync(
        [Description(ToolTexts.FileArgument)] string file,
        [Description("1-based line you are working at, if any: code used near it ranks higher and the active file's window centres on it.")] int? line = null,
        [Description("What you are trying to do or find out, in a sentence; it steers the ranking and goes last in the context.")] string? question = null,
        [Description("Token budget for the whole context (text and page images, counted as the model counts them). Leave out for the server's default.")] int? budget = null,
        [Description("Model profile whose page geometry and token accounting to use, e.g. deepseek-ocr-base, qwen2.5-vl, gpt-4o, claude. Leave out for the server's default.")] string? profile = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("get_context", progress, async (scope, ct) =>
        {
            var (active, document) = scope.File(file, "file");
            if (line is { } at)
            {
                var text = await scope.Read.Snapshot.Analysis.Workspace.GetDocument(active).GetTextAsync(ct).ConfigureAwait(false);
                if (at < 1 || at > text.Lines.Count) throw RequestErrors.InvalidParams($"line {at} is not a line of '{active.RelativePath}' (1..{text.Lines.Count})");
            }

            var request = new ComposeParams(document, line is { } l ? new Position(l - 1, 0) : null)
            {
                Budget = budget ?? options.Budget,
                Profile = profile ?? options.Profile,
                Query = question,
            };
            scope.Progress.Report($"composing the context of {active.RelativePath} within {request.Budget} tokens for {request.Profile}");
            var workspace = call.Context.Workspace;
            var package = await ProtocolCompose.ComposeAsync(scope.Read, request, workspace.Cache, workspace.ComposeSession, ct).ConfigureAwait(false);
            // The wire has a hard limit too: MCP clients refuse a message over 10 MiB (the
            // TypeScript SDK's read buffer), and dense pages are 150-300 KB each. Past the limit the
            // context is composed again for a budget scaled to fit, and the header says so.
            string? shrunk = null;
            for (var attempt = 0; attempt < ResultSize.Attempts && ResultSize.Of(package) is var bytes && bytes > options.MaxResultBytes; attempt++)
            {
                var smaller = (int)(request.Budget * 0.9 * options.MaxResultBytes / bytes);
                shrunk = $"Budget lowered from {budget ?? options.Budget} to {smaller} tokens: at the asked budget the result was {bytes / (1024 * 1024.0):0.0} MiB, over the {options.MaxResultBytes / (1024 * 1024.0):0.#} MiB an MCP message may carry. Ask with a smaller budget or a text-heavy profile to choose yourself.";
                request = request with { Budget = smaller };
                package = await ProtocolCompose.ComposeAsync(scope.Read, request, workspace.Cache, workspace.ComposeSession, ct).ConfigureAwait(false);
            }

            scope.Progress.Report($"composed: {package.Manifest.Totals.Total} of {package.Manifest.Budget} tokens, {package.Pages.Count} pages");
            return ContextBlocks.Result(package, shrunk);
        }, cancellationToken);

    [McpServerTool(Name = "read_region", Title = "Exact text of lines of a file", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description(ToolTexts.ReadRegion)]
    public Task<CallToolResult> ReadRegionAsync(
        [Description("The file, as named on a page caption or in the context (relative to the codebase root), an absolute path or a file URI.")] string path,
        [Description("First line to return, 1-based.")] int startLine,
        [Description("Last line to return, 1-based and inclusive; past the end of the file is clamped to the last line.")] int endLine,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("read_region", progress, async (scope, ct) =>
        {
            var (_, document) = scope.File(path, "path");
            var region = await new ReadRegionHandler(call.Context).HandleAsync(new ReadRegionParams(document, startLine, endLine), ct).ConfigureAwait(false);
            var result = new CallToolResult
            {
                // The first block is the text and nothing else: exactly the file's lines.
                Content = [new TextContentBlock { Text = region.Text }],
                StructuredContent = JsonSerializer.SerializeToElement(region, LspJson.Options),
            };
            if (region.EndLine < endLine)
                result.Content.Add(new TextContentBlock { Text = $"({region.Path} ends at line {region.LineCount}: lines {region.StartLine}-{region.EndLine} above)" });
            return result;
        }, cancellationToken);
}
