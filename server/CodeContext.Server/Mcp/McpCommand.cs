using System.CommandLine;
using CodeContext.Core;
using CodeContext.Rendering.Profiles;
using CodeContext.Server.Commands;

namespace CodeContext.Server.Mcp;

/// <summary>`codecontext mcp [path]`: the engine as a Model Context Protocol server on stdio (docs/mcp.md).</summary>
internal static class McpCommand
{
    public const int DefaultBudget = 16000;
    public const string DefaultProfile = "deepseek-ocr-base";

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The codebase: a folder, .sln, .slnx or .csproj.", DefaultValueFactory = _ => "." };
        var budget = TokenCountOption.Create("--budget", "Token budget of get_context when the call names none.", DefaultBudget);
        var profile = new Option<string>("--profile") { Description = "Model profile of get_context when the call names none.", DefaultValueFactory = _ => DefaultProfile };
        var analysis = SharedOptions.CreateAnalysisOption("focused: be ready once every file is matched by name, then bind them in the background; full: bind every file before answering; auto: focused from 300 files up.");
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Cache directory (default: $CODECONTEXT_CACHE_DIR, $XDG_CACHE_HOME/codecontext, ~/.cache/codecontext)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the analysis cache." };
        var noMsBuild = new Option<bool>("--no-msbuild") { Description = "Load every project syntax-first, without MSBuild." };
        var command = new Command("mcp", "Serve the Model Context Protocol on stdin/stdout (for coding agents: Claude Code, VS Code, Cursor); logs go to stderr.")
        {
            path, budget, profile, analysis, cacheDir, noCache, noMsBuild,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            // stdout carries the protocol and nothing else: whatever writes to Console.Out (a
            // library, a stray log line) lands on stderr instead.
            var protocolOut = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            var options = new McpOptions
            {
                Target = McpOptions.ResolveTarget(result.GetValue(path)!),
                Budget = result.GetValue(budget) is > 0 and var b ? b : throw new UserError("--budget must be a positive number of tokens"),
                Profile = ProfileCatalog.Ids.Contains(result.GetValue(profile)!)
                    ? result.GetValue(profile)!
                    : throw new UserError($"--profile '{result.GetValue(profile)}' is unknown; one of: {string.Join(", ", ProfileCatalog.Ids)}"),
                Cache = result.GetValue(noCache) ? null : CacheDirectory.Resolve(result.GetValue(cacheDir)),
                NoMsBuild = result.GetValue(noMsBuild),
                Analysis = result.GetValue(analysis)!,
            };
            await using var input = Console.OpenStandardInput();
            await McpHost.RunAsync(input, protocolOut, options, Console.Error, ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
