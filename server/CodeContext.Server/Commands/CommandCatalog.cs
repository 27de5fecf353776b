using System.CommandLine;

namespace CodeContext.Server.Commands;

/// <summary>Every subcommand of the executable, one factory per line.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return PackCommand.Create();
        yield return SummarizeCommand.Create();
        yield return AskCommand.Create();
        yield return FoldCommand.Create();
        yield return RankCommand.Create();
        yield return RenderCommand.Create();
        yield return CostCommand.Create();
        yield return TokensCommand.Create();
        yield return ServeCommand.Create();
        yield return Mcp.McpCommand.Create();
        yield return EncodeCommand.Create();
    }
}
