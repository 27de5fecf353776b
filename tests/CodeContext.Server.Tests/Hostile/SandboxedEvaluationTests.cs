using System.Net;
using System.Net.Sockets;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>
/// Loading a repository runs MSBuild's evaluation of its projects, which is code the repository
/// wrote. It must stay offline and side-effect free and must end: no file written by a property
/// function, no SDK fetched from a feed, no regular expression left to backtrack for ever. Each
/// project that cannot be evaluated that way is loaded syntax-only, said once.
/// </summary>
public sealed class SandboxedEvaluationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cc-sandbox-" + Guid.NewGuid().ToString("N")[..10]);

    public SandboxedEvaluationTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string Repo => Path.Combine(_root, "repo");

    private void WriteRepo(string project, params (string Path, string Text)[] extra)
    {
        Directory.CreateDirectory(Path.Combine(Repo, "Lib"));
        File.WriteAllText(Path.Combine(Repo, "Lib", "Lib.csproj"), project);
        File.WriteAllText(Path.Combine(Repo, "Lib", "A.cs"), "namespace Lib; public sealed class A { public int Answer() => 42; }\n");
        File.WriteAllText(Path.Combine(Repo, "Lib", "B.cs"), "namespace Lib; public sealed class B { public int Twice() => new A().Answer() * 2; }\n");
        foreach (var (path, text) in extra) File.WriteAllText(Path.Combine(Repo, path), text);
    }

    private async Task<(int Exit, string Out, string Err)> PackAsync(IReadOnlyDictionary<string, string>? environment = null) =>
        await HostileCli.RunAsync(["pack", Repo, "--active", "Lib/B.cs", "--budget", "4000", "--out", Path.Combine(_root, "out"), "--no-cache"], environment, TimeSpan.FromMinutes(2));

    [Fact]
    public async Task A_property_function_that_writes_a_file_is_never_run()
    {
        var temp = Directory.CreateDirectory(Path.Combine(_root, "tmp")).FullName;
        WriteRepo(
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>",
            ("Directory.Build.props", "<Project><PropertyGroup><Scratch>$([System.IO.Path]::GetTempFileName())</Scratch></PropertyGroup></Project>"));

        var run = await PackAsync(new Dictionary<string, string> { ["TMPDIR"] = temp, ["TMP"] = temp, ["TEMP"] = temp });

        Assert.True(run.Exit == 0, run.Err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
        Assert.Contains("GetTempFileName", run.Err, StringComparison.Ordinal);
        Assert.Contains("syntax-only", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_versioned_sdk_is_never_fetched_from_the_repository_feed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var contacted = listener.AcceptTcpClientAsync();
        try
        {
            WriteRepo(
                "<Project Sdk=\"Contoso.Build.Sdk/1.2.3\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>",
                ("nuget.config", $"<configuration><packageSources><clear /><add key=\"feed\" value=\"http://127.0.0.1:{port}/v3/index.json\" /></packageSources></configuration>"),
                ("global.json", "{ \"msbuild-sdks\": { \"Contoso.Other.Sdk\": \"4.5.6\" } }"));

            var run = await PackAsync();

            Assert.True(run.Exit == 0, run.Err);
            Assert.False(contacted.IsCompleted, "the loader contacted the repository's package feed");
            Assert.Contains("Lib/Lib.csproj", run.Err, StringComparison.Ordinal);
            Assert.Contains("syntax-only", run.Err, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_global_json_pinning_an_sdk_this_machine_lacks_does_not_stop_the_load()
    {
        WriteRepo(
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>",
            ("global.json", "{ \"sdk\": { \"version\": \"99.0.100-preview.1\", \"rollForward\": \"disable\" } }"));

        // Run from inside the repository, where the SDK locator would read its global.json.
        var run = await HostileCli.RunAsync(["pack", Repo, "--active", "Lib/B.cs", "--budget", "4000", "--out", Path.Combine(_root, "out"), "--no-cache"], workingDirectory: Repo, limit: TimeSpan.FromMinutes(2));

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("using MSBuild from", run.Err, StringComparison.Ordinal);
        Assert.Contains("Lib/A.cs", run.Out + File.ReadAllText(Path.Combine(_root, "out", "context.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regular_expression_that_never_finishes_ends_the_evaluation_not_the_load()
    {
        WriteRepo($"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Bomb>$([System.Text.RegularExpressions.Regex]::IsMatch('{new string('a', 64)}!', '^(a+)+$'))</Bomb>
              </PropertyGroup>
            </Project>
            """);

        var run = await PackAsync();

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("Lib/Lib.csproj", run.Err, StringComparison.Ordinal);
        Assert.Contains("syntax-only", run.Err, StringComparison.Ordinal);
        Assert.Contains("Lib/B.cs", run.Out, StringComparison.Ordinal);
    }
}
