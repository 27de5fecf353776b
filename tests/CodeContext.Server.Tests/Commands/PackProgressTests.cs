using System.Text.RegularExpressions;
using CodeContext.Server.Tests.Harness;
using CodeContext.Server.Tests.Hostile;

namespace CodeContext.Server.Tests.Commands;

/// <summary>
/// `pack` on the sample as a CI log sees it (stderr redirected, so not a terminal): phase lines on
/// stderr, none with --quiet, and never any on stdout, which carries the summary.
/// </summary>
public sealed partial class PackProgressTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("cc-progress-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private Task<(int Exit, string Out, string Err)> PackAsync(string name, params string[] extra) => HostileCli.RunAsync(
        ["pack", RepoLayout.Sample, "--active", "src/Shop.Services/Orders/OrderService.cs", "--budget", "8k",
            "--out", Path.Combine(_work, name), "--cache-dir", Path.Combine(_work, "cache-" + name), .. extra],
        limit: TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_log_shows_each_phase_with_its_count_and_quiet_shows_none()
    {
        var (exit, stdout, stderr) = await PackAsync("plain");

        Assert.True(exit == 0, stderr);
        // A cold cache: every phase runs, each ends with its count complete.
        foreach (var phase in new[] { "evaluating projects", "binding files", "rendering pages" })
        {
            var last = PhaseLine().Matches(stderr).Where(m => m.Groups["phase"].Value == phase).LastOrDefault();
            Assert.True(last is not null, $"no '{phase}' line in:\n{stderr}");
            Assert.Equal(last.Groups["total"].Value, last.Groups["done"].Value);
        }

        Assert.Contains("codecontext: composing\n", stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(PhaseLine(), stdout);
        // The summary says what the levels it used are.
        Assert.Matches(@"(?m)^levels   page images, denser as relevance falls: L\d [\d.]+ px \(about [\d.]+x fewer tokens than text\)", stdout);

        var quiet = await PackAsync("quiet", "--quiet");
        Assert.True(quiet.Exit == 0, quiet.Err);
        Assert.Equal("", quiet.Err);
        Assert.Contains("tokens ", quiet.Out, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^codecontext: (?<phase>[a-z ]+) (?<done>\d+)/(?<total>\d+)\r?$")]
    private static partial Regex PhaseLine();
}
