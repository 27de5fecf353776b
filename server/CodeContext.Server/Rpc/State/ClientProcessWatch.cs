using System.Diagnostics;

namespace CodeContext.Server.Rpc.State;

/// <summary>
/// LSP's processId: the server ends when the client process does, even when its input stays open
/// (a process the client started may still hold the pipe). Polled, as no portable notification exists.
/// </summary>
internal static class ClientProcessWatch
{
    /// <summary>How often the client's process is looked for: the server outlives its client by at most this much.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Calls <paramref name="ended"/> once the process <paramref name="processId"/> is gone; stops
    /// with <paramref name="stopping"/>. False, and nothing watched, when no such process is visible
    /// now: a client in another process namespace (a container) sends an ID this server cannot see.
    /// </summary>
    public static bool Start(int processId, Action ended, CancellationToken stopping)
    {
        if (processId <= 0 || !IsRunning(processId)) return false;

        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Interval);
            try
            {
                while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
                {
                    if (IsRunning(processId)) continue;
                    ended();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
        return true;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // it ended while being looked at
        }
    }
}
