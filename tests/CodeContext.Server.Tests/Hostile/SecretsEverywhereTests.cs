using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>
/// The same planted secrets (an AWS key id, a connection-string password, a GitHub token in an
/// ordinary source file) through every command and method: pages, text, manifests, region reads,
/// an editor's unsaved buffer and a question. Source enters the pipeline once, masked, so none of
/// them can carry a value.
/// </summary>
public sealed class SecretsEverywhereTests : IDisposable
{
    private static readonly string[] Values = ["AKIAIOSFODNN7EXAMPLE", "Sup3rS3cret!", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cc-secrets-" + Guid.NewGuid().ToString("N")[..10]);

    public SecretsEverywhereTests()
    {
        Write(Path.Combine(_root, "plain"), masked: false);
        Write(Path.Combine(_root, "twin"), masked: true);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string Plain => Path.Combine(_root, "plain");

    private static string Keys(bool masked)
    {
        string V(string value) => masked ? new string('*', value.Length) : value;
        return $$"""
            namespace Shop.Keys;

            public static class Settings
            {
                public const string AccessKeyId = "{{V(Values[0])}}";
                public const string Database = "Server=db;Database=shop;User Id=sa;Password={{V(Values[1])}};";
                public static string Token() => "{{V(Values[2])}}";
                public static int Retries => 3;
            }
            """;
    }

    private static void Write(string root, bool masked)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "Keys.cs"), Keys(masked));
        File.WriteAllText(Path.Combine(root, "Client.cs"), "namespace Shop.Keys;\npublic sealed class Client { public string Connect() => Settings.Database + Settings.Token(); }\n");
    }

    private static void AssertNoValue(string text, string where)
    {
        foreach (var value in Values) Assert.False(text.Contains(value, StringComparison.Ordinal), $"{where} carries '{value}'");
    }

    private static string AllFiles(string folder) =>
        string.Concat(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".png", StringComparison.Ordinal)).Select(File.ReadAllText));

    [Fact]
    public async Task Rendered_pages_are_the_pages_of_the_masked_text()
    {
        var plainOut = Path.Combine(_root, "render-plain");
        var twinOut = Path.Combine(_root, "render-twin");
        foreach (var (tree, output) in new[] { (Plain, plainOut), (Path.Combine(_root, "twin"), twinOut) })
        {
            var run = await HostileCli.RunAsync(["render", tree, "--profile", "deepseek-ocr-base", "--level", "L1", "--out", output, "--no-msbuild"]);
            Assert.True(run.Exit == 0, run.Err);
        }

        var plainPages = Directory.EnumerateFiles(plainOut, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var twinPages = Directory.EnumerateFiles(twinOut, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(plainPages);
        Assert.Equal(twinPages.Count, plainPages.Count);
        for (var i = 0; i < plainPages.Count; i++)
            Assert.True(File.ReadAllBytes(plainPages[i]).AsSpan().SequenceEqual(File.ReadAllBytes(twinPages[i])), $"{Path.GetFileName(plainPages[i])} differs from the masked twin's page");
        AssertNoValue(AllFiles(plainOut), "render's output");
    }

    [Fact]
    public async Task Pack_masks_files_and_the_question()
    {
        var output = Path.Combine(_root, "pack");
        var run = await HostileCli.RunAsync(["pack", Plain, "--active", "Client.cs", "--budget", "4000", "--out", output, "--no-cache", "--quiet",
            "--query", $"why does deploy fail with {Values[0]} and {Values[2]}?"]);
        Assert.True(run.Exit == 0, run.Err);

        AssertNoValue(AllFiles(output) + run.Out + run.Err, "pack's bundle");
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.True(manifest.RootElement.GetProperty("secrets").GetProperty("maskedValues").EnumerateObject().Sum(p => p.Value.GetInt32()) >= 3);
    }

    [Fact]
    public async Task Rank_never_echoes_a_secret_from_the_question()
    {
        var run = await HostileCli.RunAsync(["rank", Plain, "--active", "Client.cs", "--format", "json", "--no-cache", "--quiet", "--query", $"AccessKeyId {Values[0]}"]);
        Assert.True(run.Exit == 0, run.Err);
        AssertNoValue(run.Out + run.Err, "rank");
    }

    [Fact]
    public async Task Server_region_reads_composes_and_unsaved_buffers_are_masked()
    {
        await using var server = ServerProcess.Start(["--no-msbuild", "--no-cache"]);
        var client = server.Client;
        await client.ResultAsync("initialize", new { processId = Environment.ProcessId, rootUri = new Uri(Plain).AbsoluteUri, capabilities = new { } });
        await client.NotifyAsync("initialized", new { });
        var keys = new { uri = new Uri(Path.Combine(Plain, "Keys.cs")).AbsoluteUri };
        var clientDoc = new { uri = new Uri(Path.Combine(Plain, "Client.cs")).AbsoluteUri };

        var region = await client.ResultAsync("codeContext/readRegion", new { textDocument = keys, startLine = 1, endLine = 20 });
        Assert.Contains("AccessKeyId", region.GetRawText(), StringComparison.Ordinal);
        var compose = await client.ResultAsync("codeContext/compose", new { textDocument = clientDoc, budget = 4000, query = $"is {Values[2]} valid?" });

        // An editor's unsaved buffer with a new secret enters by the same gate.
        var typed = Keys(masked: false).Replace("Retries => 3", "Retries => 3; public const string Replica = \"Server=replica;Password=" + Values[1] + ";\"", StringComparison.Ordinal);
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { keys.uri, languageId = "csharp", version = 1, text = typed } });
        var edited = await client.ResultAsync("codeContext/readRegion", new { textDocument = keys, startLine = 1, endLine = 20 });
        var composeEdited = await client.ResultAsync("codeContext/compose", new { textDocument = keys, budget = 4000 });

        AssertNoValue(region.GetRawText() + compose.GetRawText() + edited.GetRawText() + composeEdited.GetRawText(), "the server's answers");
        AssertNoValue(string.Concat(client.Received.Select(m => m.GetRawText())) + server.Stderr, "anything the server sent");
    }
}
