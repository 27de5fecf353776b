using System.CommandLine;

namespace CodeContext.Server.Commands;

/// <summary>
/// A command line the parser refuses gets its errors, one line each, and where to read the
/// options: the parser's own reply is the errors followed by the whole help text, in which a
/// one-line mistake (a budget written 16q) is hard to find.
/// </summary>
internal static class ParseErrorReport
{
    public static int Write(ParseResult parsed, TextWriter error)
    {
        foreach (var message in parsed.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
            error.WriteLine($"codecontext: error: {message}");
        var command = parsed.CommandResult.Command;
        error.WriteLine(command is RootCommand ? "codecontext: 'codecontext --help' lists the commands" : $"codecontext: 'codecontext {command.Name} --help' lists its options");
        return CommandRunner.UserErrorExitCode;
    }
}
