using System.CommandLine;
using CodeContext.Core;
using CodeContext.Server.Rpc;
using CodeContext.Server.Rpc.Framing;

namespace CodeContext.Server.Commands;

/// <summary>`codecontext serve`: the JSON-RPC 2.0 server (LSP framing) on stdin/stdout; see docs/protocol.md.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Cache directory (default: $CODECONTEXT_CACHE_DIR, $XDG_CACHE_HOME/codecontext, ~/.cache/codecontext)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the analysis cache." };
        var noMsBuild = new Option<bool>("--no-msbuild") { Description = "Load syntax-first, without MSBuild, unless the client's initializationOptions say otherwise." };
        var maxMessage = new Option<int>("--max-message-bytes") { Description = "Largest accepted message body; bigger ones are skipped and answered with an error.", DefaultValueFactory = _ => new FramingLimits().MaxBodyBytes };
        var analysis = SharedOptions.CreateAnalysisOption("focused: be ready once every file is matched by name, then bind them in the background (most relevant to the open documents first); full: bind every file before answering; auto: focused from 300 files up.");
        var command = new Command("serve", "Serve JSON-RPC 2.0 with LSP framing on stdin/stdout (for editors and agents); logs go to stderr.")
        {
            cacheDir, noCache, noMsBuild, maxMessage, analysis,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async ct =>
        {
            // stdout carries the protocol and nothing else: anything that writes to Console.Out
            // (a library, a stray log line) lands on stderr instead.
            var protocolOut = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            if (result.GetValue(maxMessage) < 1) throw new UserError("--max-message-bytes must be positive");
            var settings = new ServerSettings
            {
                Cache = SharedOptions.OpenCache(result.GetValue(noCache), result.GetValue(cacheDir)),
                NoMsBuild = result.GetValue(noMsBuild),
                Analysis = result.GetValue(analysis)!,
                Limits = new FramingLimits { MaxBodyBytes = result.GetValue(maxMessage) },
            };
            await using var input = Console.OpenStandardInput();
            var code = await LanguageServer.RunAsync(input, protocolOut, settings, Console.Error, ct).ConfigureAwait(false);
            ExitSoonAnyway(code);
            return code;
        }, cancellationToken));
        return command;
    }

    /// <summary>How long the process may take to end by itself once the connection is over.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The connection is over: the process must end even if something still runs (an MSBuild
    /// evaluation that does not observe cancellation, a thread a library did not make background).
    /// A server that outlives its client holds memory and files for nothing. Normally Main returns
    /// first and this background thread dies with the process.
    /// </summary>
    private static void ExitSoonAnyway(int code) => new Thread(() =>
    {
        Thread.Sleep(ExitGrace);
        Console.Error.WriteLine($"codecontext serve: still running {ExitGrace.TotalSeconds:F0} s after the connection ended; exiting");
        Environment.Exit(code);
    }) { IsBackground = true, Name = "codecontext serve exit guard" }.Start();
}
