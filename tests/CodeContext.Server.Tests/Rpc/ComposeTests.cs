using System.Text;
using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>codeContext/compose and codeContext/explain through the real process.</summary>
public sealed class ComposeTests(LoadedServer server) : IClassFixture<LoadedServer>
{
    private const string Active = "src/Shop.Services/Orders/OrderService.cs";
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Compose_stays_within_budget_and_carries_every_page_as_a_data_url()
    {
        var package = await server.Client.ResultAsync("codeContext/compose", new { textDocument = server.Doc(Active), position = new { line = 40, character = 12 }, budget = 12000 });
        Assert.InRange(package.GetProperty("totals").GetProperty("total").GetInt32(), 1, 12000);
        Assert.Equal(Active, package.GetProperty("active").GetProperty("path").GetString());
        var images = Images(package);
        Assert.NotEmpty(images);
        foreach (var image in images)
        {
            var dataUrl = image.GetProperty("dataUrl").GetString()!;
            Assert.StartsWith("data:image/png;base64,", dataUrl, StringComparison.Ordinal);
            var png = Convert.FromBase64String(dataUrl["data:image/png;base64,".Length..]);
            Assert.Equal(PngSignature, png[..8]);
            Assert.Equal(image.GetProperty("width").GetInt32(), ReadBigEndian(png, 16));
            Assert.Equal(image.GetProperty("height").GetInt32(), ReadBigEndian(png, 20));
        }

        // The active file travels as exact text.
        var activeText = package.GetProperty("segments").EnumerateArray().First(s => s.GetProperty("role").GetString() == "active").GetProperty("text").GetString()!;
        Assert.Contains(File.ReadLines(server.Workspace.PathOf(Active)).First(), activeText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_with_file_images_writes_pages_into_the_cache_directory_only()
    {
        var package = await server.Client.ResultAsync("codeContext/compose", new { textDocument = server.Doc(Active), budget = 8000, images = "file", profile = "deepseek-ocr-small" });
        Assert.Equal("deepseek-ocr-small", package.GetProperty("profile").GetString());
        foreach (var image in Images(package))
        {
            var path = image.GetProperty("path").GetString()!;
            Assert.StartsWith(Path.GetFullPath(server.Workspace.CacheDirectory), path, StringComparison.Ordinal);
            Assert.Equal(PngSignature, (await File.ReadAllBytesAsync(path))[..8]);
            Assert.False(image.TryGetProperty("dataUrl", out _));
        }

        Assert.Empty(Directory.EnumerateFiles(server.Workspace.Root, "*.png", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Unsaved_text_is_what_compose_carries()
    {
        var disk = await File.ReadAllTextAsync(server.Workspace.PathOf(Active));
        const string marker = "// unsaved: the editor's text, not the disk's";
        var edited = marker + "\n" + disk;
        await server.Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = server.Workspace.UriOf(Active), languageId = "csharp", version = 1, text = edited } });
        try
        {
            var package = await server.Client.ResultAsync("codeContext/compose", new { textDocument = server.Doc(Active), budget = 12000 });
            var active = package.GetProperty("segments").EnumerateArray().First(s => s.GetProperty("role").GetString() == "active");
            // The segment starts with a heading naming the file; the unsaved first line follows it.
            Assert.Contains(marker + "\n" + disk.Split('\n')[0], active.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await server.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = server.Workspace.UriOf(Active) } });
        }

        var after = await server.Client.ResultAsync("codeContext/compose", new { textDocument = server.Doc(Active), budget = 12000 });
        Assert.DoesNotContain(marker, after.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_compose_is_cancelled_and_the_next_one_works()
    {
        // A colour profile no other test composes for: its pages need semantic colours, which this
        // load did not classify, so the compose binds every file it renders and is still running
        // when the cancellation arrives (greyscale composes of the sample are too quick to catch).
        // At a budget that puts most files on pages: at 60k the whole sample fits as text and
        // the compose, rendering nothing, finished before the cancellation was read.
        var id = server.Client.NextId();
        var compose = LspClient.Frame(Encoding.UTF8.GetBytes(LspClient.Message(id, "codeContext/compose", new { textDocument = server.Doc(Active), budget = 12000, profile = "qwen2.5-vl" }).ToJsonString()));
        var cancel = LspClient.Frame(Encoding.UTF8.GetBytes(LspClient.Message(null, "$/cancelRequest", new { id }).ToJsonString()));
        await server.Client.SendRawAsync([.. compose, .. cancel]);
        var response = await server.Client.ResponseAsync(id);
        Assert.Equal(-32800, response.GetProperty("error").GetProperty("code").GetInt32());
        await server.Client.ResultAsync("codeContext/compose", new { textDocument = server.Doc(Active), budget = 6000 });
    }

    [Theory]
    [InlineData("{}", "budget")]
    [InlineData("{\"budget\":0}", "budget")]
    [InlineData("{\"budget\":8000,\"profile\":\"gpt-9\"}", "deepseek-ocr-base")]
    [InlineData("{\"budget\":8000,\"images\":\"gif\"}", "dataUrl")]
    public async Task Bad_compose_params_are_InvalidParams_that_say_what_is_allowed(string extra, string named)
    {
        var parameters = JsonSerializer.Deserialize<Dictionary<string, object>>(extra)!;
        parameters["textDocument"] = server.Doc(Active);
        var error = await server.ErrorAsync("codeContext/compose", parameters);
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_gives_rank_reasons_and_with_a_budget_the_planned_form()
    {
        const string target = "src/Shop.Domain/Orders/Order.cs";
        var rankOnly = await server.Client.ResultAsync("codeContext/explain", new { textDocument = server.Doc(Active), target = server.Doc(target) });
        Assert.True(rankOnly.GetProperty("rank").GetInt32() >= 1);
        Assert.Contains(rankOnly.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("Order", StringComparison.Ordinal));
        Assert.False(rankOnly.TryGetProperty("plan", out _));

        var planned = await server.Client.ResultAsync("codeContext/explain", new { textDocument = server.Doc(Active), target = server.Doc(target), budget = 12000 });
        var plan = planned.GetProperty("plan");
        Assert.Equal(target, plan.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(plan.GetProperty("form").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(plan.GetProperty("why").GetString()));
    }

    private static List<JsonElement> Images(JsonElement package) =>
        [.. package.GetProperty("segments").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "image").Select(s => s.GetProperty("image"))];

    private static int ReadBigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}
