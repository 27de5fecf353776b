using System.CommandLine;

namespace CodeContext.Server.Commands;

/// <summary>Every subcommand of the executable, one factory per line.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return EncodeCommand.Create();
    }
}
