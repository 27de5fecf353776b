using CodeContext.Core;

namespace CodeContext.Server.Commands;

/// <summary>
/// Runs a command body and turns expected failures into one line on stderr and a non-zero exit:
/// bad input is the user's to fix, so it gets a message, never a stack trace.
/// </summary>
internal static class CommandRunner
{
    public const int UserErrorExitCode = 2;
    public const int CancelledExitCode = 130;

    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (UserError error)
        {
            await Console.Error.WriteLineAsync($"codecontext: error: {error.Message}").ConfigureAwait(false);
            return UserErrorExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("codecontext: cancelled").ConfigureAwait(false);
            return CancelledExitCode;
        }
    }
}
