using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Summarize;

/// <summary>A git repository scripted in a temp copy of the sample: commits made here, nothing touches the real repository.</summary>
internal static class GitHistory
{
    public static async Task RunAsync(string folder, params string[] arguments)
    {
        var (code, output) = await NodeClient.RunAsync("git", folder, ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", .. arguments]);
        Assert.True(code == 0, $"git {string.Join(' ', arguments)} failed:\n{output}");
    }

    /// <summary>git init, everything committed, tagged <paramref name="tag"/>.</summary>
    public static async Task InitAsync(string folder, string tag)
    {
        await RunAsync(folder, "init", "-q");
        await RunAsync(folder, "add", "-A");
        await RunAsync(folder, "commit", "-q", "-m", "base");
        await RunAsync(folder, "tag", tag);
    }
}
