namespace CodeContext.Server.Tests.Commands;

/// <summary>pack and ask check the active path before loading: a wrong one fails at once, naming the root.</summary>
public sealed class PackActivePathTests
{
    private static Task<(int Exit, string Out, string Err)> PackAsync(string active) =>
        Harness.CliRun.RunAsync(Path.Combine(AppContext.BaseDirectory, "codecontext.dll"), ["pack", "samples/Shop", "--active", active, "--budget", "4k", "--no-cache", "--out", Path.Combine(Path.GetTempPath(), "cc-pack-active", Guid.NewGuid().ToString("N")[..8])]);

    [Theory]
    [InlineData("server/CodeContext.Server/Program.cs", "is outside the loaded codebase")]
    [InlineData("src/Shop.Services/Orders/NoSuchService.cs", "is not a file under the loaded codebase")]
    public async Task A_path_that_cannot_be_in_the_codebase_fails_before_the_load(string active, string message)
    {
        var (exit, stdout, stderr) = await PackAsync(active);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains($"{Path.DirectorySeparatorChar}samples{Path.DirectorySeparatorChar}Shop", stderr, StringComparison.Ordinal);
        // Nothing was loaded: no project evaluated, no file counted as context.
        Assert.DoesNotContain("as context", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("evaluating", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }
}
