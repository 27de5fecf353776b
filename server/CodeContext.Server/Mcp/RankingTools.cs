using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeContext.Server.Rpc;
using CodeContext.Server.Rpc.Handlers;
using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeContext.Server.Mcp;

/// <summary>rank_files and explain_file: the ranking behind get_context, through serve's own handlers.</summary>
internal sealed class RankingTools(McpToolCall call, McpOptions options)
{
    private const int DefaultTop = 20;

    [McpServerTool(Name = "rank_files", Title = "Files ranked by relevance to a file", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description(ToolTexts.RankFiles)]
    public Task<CallToolResult> RankFilesAsync(
        [Description(ToolTexts.FileArgument)] string file,
        [Description("How many files to return, most relevant first (default 20).")] int? top = null,
        [Description("What you are trying to do or find out, in a sentence; files that mention its words rank higher.")] string? question = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("rank_files", progress, async (scope, ct) =>
        {
            var (_, document) = scope.File(file, "file");
            if (top is < 1) throw RequestErrors.InvalidParams($"top must be at least 1, not {top}");
            var ranked = await new RankHandler(call.Context).HandleAsync(new RankParams(document, null) { Query = question, Top = top ?? DefaultTop }, ct).ConfigureAwait(false);
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Files most relevant to {ranked.Active} (score: fused graph, identifier and co-change relevance; higher is closer):\n");
            foreach (var entry in ranked.Files)
                text.Append(CultureInfo.InvariantCulture, $"{entry.Rank}. {entry.Path} ({entry.Score:0.###}): {string.Join("; ", entry.Reasons)}\n");
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = text.ToString() }],
                StructuredContent = JsonSerializer.SerializeToElement(ranked, LspJson.Options),
            };
        }, cancellationToken);

    [McpServerTool(Name = "explain_file", Title = "Why a file ranked where it did", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description(ToolTexts.ExplainFile)]
    public Task<CallToolResult> ExplainFileAsync(
        [Description(ToolTexts.FileArgument)] string file,
        [Description("The other file to explain, as a path relative to the codebase root, an absolute path or a file URI.")] string target,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        call.RunAsync("explain_file", progress, async (scope, ct) =>
        {
            var (_, document) = scope.File(file, "file");
            var (_, targetDocument) = scope.File(target, "target");
            scope.Progress.Report($"ranking and planning at the default budget of {options.Budget} tokens");
            var explained = await new ExplainHandler(call.Context)
                .HandleAsync(new ExplainParams(document, targetDocument, null) { Budget = options.Budget, Profile = options.Profile }, ct)
                .ConfigureAwait(false);
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = Words(explained, options) }],
                StructuredContent = JsonSerializer.SerializeToElement(explained, LspJson.Options),
            };
        }, cancellationToken);

    private static string Words(JsonObject explained, McpOptions options)
    {
        var target = (string?)explained["target"];
        var active = (string?)explained["active"];
        var reasons = explained["reasons"]?.AsArray().Select(r => (string?)r) ?? [];
        var text = new StringBuilder();
        text.Append(explained["rank"] is { } rank
            ? string.Create(CultureInfo.InvariantCulture, $"{target} ranks {rank} of {explained["of"]} files for {active} (score {(double?)explained["score"]:0.###}).\n")
            : $"{target} is not ranked for {active}.\n");
        text.Append("Why: ").Append(string.Join("; ", reasons)).Append('\n');
        if (explained["plan"] is JsonObject plan)
        {
            text.Append(CultureInfo.InvariantCulture, $"In get_context at {options.Budget} tokens ({options.Profile}) it gets form {(string?)plan["form"]} for {(int?)plan["tokens"]} tokens: {(string?)plan["why"]}\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"In get_context at {options.Budget} tokens ({options.Profile}) it is not among the planned files.\n");
        }

        return text.ToString();
    }
}
