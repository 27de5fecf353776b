using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Summarize;

/// <summary>Runs only where a browser is: CI installs Debian's chromium in .ci/steps (the extension's end-to-end test uses it too).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public static string Browser { get; } = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (NodeClient.Node is null) Skip = "node is not installed (CI installs it with .ci/steps/server.sh)";
        else if (!File.Exists(Browser)) Skip = $"no browser at {Browser} (CI installs Debian's chromium in .ci/steps; set CHROMIUM elsewhere)";
    }
}

/// <summary>
/// summarize's report.html in headless Chromium through playwright-core (tests/report-browser):
/// it renders without script errors, every page thumbnail loads, a thumbnail opens the page with
/// its region outlines, and hovering a region shows file:lines from the manifest. With
/// CODECONTEXT_REPORT_SCREENSHOT set, the top of the report is saved there (docs/images).
/// </summary>
public sealed class ReportBrowserTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [ChromiumFact]
    public async Task The_report_renders_its_thumbnails_load_and_a_region_hover_shows_file_and_lines()
    {
        var run = await SummarizeRun.StartAsync(_workspace.Root, _workspace.CacheDirectory, Path.Combine(_workspace.Outside, "bundle"), "--budget", "16k");
        run.AssertWithin(16000);
        var folder = Path.Combine(RepoLayout.Root, "tests", "report-browser");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core")))
        {
            var (installCode, installOutput) = await NodeClient.RunAsync("npm", folder, "ci", "--no-audit", "--no-fund");
            Assert.True(installCode == 0, $"npm ci in tests/report-browser failed:\n{installOutput}");
        }

        string[] arguments = Environment.GetEnvironmentVariable("CODECONTEXT_REPORT_SCREENSHOT") is { Length: > 0 } shot ? ["report.test.mjs", run.Out, shot] : ["report.test.mjs", run.Out];
        var (code, output) = await NodeClient.RunAsync(NodeClient.Node!, folder, arguments);
        Assert.True(code == 0, $"report-browser failed ({code}):\n{output}");
        Assert.Contains("report-browser: ok", output, StringComparison.Ordinal);
        Assert.Matches(@"report-browser: hover shows \S+\.cs:\d+-\d+", output);
    }
}
