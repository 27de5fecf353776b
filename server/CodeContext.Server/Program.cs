using System.CommandLine;
using CodeContext.Server.Commands;

namespace CodeContext.Server;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Before any regular expression exists: MSBuild's Regex property functions, run while
        // evaluating a repository's projects, then time out instead of backtracking for ever.
        AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(5));
        var root = new RootCommand("codecontext: a Roslyn-aware code-context compressor for coding assistants.");
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        var parsed = root.Parse(args);
        if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction) return ParseErrorReport.Write(parsed, Console.Error);
        return await parsed.InvokeAsync().ConfigureAwait(false);
    }
}
