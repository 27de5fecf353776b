using ModelContextProtocol;

namespace CodeContext.Server.Mcp;

/// <summary>
/// Progress of one tool call as MCP wants it: a number that only grows and a message. Without a
/// progress token from the client the SDK's reporter drops everything, so reporting is always safe.
/// </summary>
internal sealed class ToolProgress(IProgress<ProgressNotificationValue>? progress)
{
    private int _step;

    public void Report(string message) =>
        progress?.Report(new ProgressNotificationValue { Progress = Interlocked.Increment(ref _step), Message = message });
}
