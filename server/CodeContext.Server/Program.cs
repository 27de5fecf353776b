using System.CommandLine;
using CodeContext.Server.Commands;

namespace CodeContext.Server;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("codecontext: a Roslyn-aware code-context compressor for coding assistants.");
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
