using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>A server whose message limit is small enough to test cheaply.</summary>
public sealed class SmallLimitServer : LoadedServer
{
    public const int Limit = 256 * 1024;

    protected override string[] ExtraArguments => ["--max-message-bytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}

/// <summary>
/// Every class of bad input gets its error (or is dropped where the spec says so), and the very
/// next request works: the connection is never lost.
/// </summary>
public sealed class BadInputTests(SmallLimitServer server) : IClassFixture<SmallLimitServer>
{
    private const string Active = "src/Shop.Services/Orders/OrderService.cs";

    public static TheoryData<string, string, int> BrokenFrames => new()
    {
        { "body is not JSON", Frame("hello there"), -32700 },
        { "truncated JSON", Frame("{\"jsonrpc\":\"2.0\",\"id\":1,"), -32700 },
        { "bytes that are not UTF-8", "Content-Length: 2\r\n\r\n\u00ff\u00fe", -32700 },
        { "a method name that is not UTF-8", Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\u00ff\"}", latin1: true), -32600 },
        { "a lone surrogate in the method name", Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\\ud800\"}"), -32600 },
        { "params text that is not UTF-8", Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"codeContext/rank\",\"params\":{\"query\":\"\u00ff\"}}", latin1: true), -32602 },
        { "deeply nested JSON", Frame(new string('[', 5000) + new string(']', 5000)), -32700 },
        { "missing Content-Length", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", -32700 },
        { "Content-Length is not a number", "Content-Length: twelve\r\n\r\n{}", -32700 },
        { "negative Content-Length", "Content-Length: -5\r\n\r\n{}", -32700 },
        { "header without a colon", "Content-Length 2\r\n\r\n{}", -32700 },
        { "Content-Length: 0", "Content-Length: 0\r\n\r\n", -32700 },
        { "unsupported charset", "Content-Length: 2\r\nContent-Type: application/json; charset=latin1\r\n\r\n{}", -32700 },
        { "a JSON number", Frame("42"), -32600 },
        { "a JSON string", Frame("\"initialize\""), -32600 },
        { "a batch", Frame("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"codeContext/status\"}]"), -32600 },
        { "no jsonrpc member", Frame("{\"id\":1,\"method\":\"codeContext/status\"}"), -32600 },
        { "jsonrpc 1.0", Frame("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"codeContext/status\"}"), -32600 },
        { "method is a number", Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}"), -32600 },
        { "params is a string", Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"codeContext/rank\",\"params\":\"x\"}"), -32600 },
        { "id is an object", Frame("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"codeContext/status\"}"), -32600 },
        { "neither request nor response", Frame("{\"jsonrpc\":\"2.0\",\"id\":1}"), -32600 },
    };

    [Theory]
    [MemberData(nameof(BrokenFrames))]
    public async Task A_broken_message_gets_its_error_and_the_next_request_works(string what, string raw, int code)
    {
        var before = server.Client.Count;
        await server.Client.SendRawAsync(Encoding.Latin1.GetBytes(raw));
        var error = await server.Client.WaitForAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == code, $"error {code} for {what}", skip: before);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetProperty("message").GetString()));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_Content_Length_that_is_too_small_costs_only_that_message()
    {
        var body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":7001,\"method\":\"codeContext/status\"}");
        var before = server.Client.Count;
        await server.Client.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length - 10}\r\n\r\n"), .. body]);
        await server.Client.WaitForAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == -32700, "a parse error", skip: before);
        // The tail of the broken body sits in front of the next header; that message still arrives.
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_Content_Length_that_is_too_large_is_recovered_from_at_the_next_header()
    {
        var before = server.Client.Count;
        await server.Client.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 80\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7002,\"method\":\"codeContext/status\"}"));
        // The server waits for 80 bytes: the next message completes them and is lost with the broken one...
        await server.Client.SendAsync(LspClient.Message(server.Client.NextId(), "codeContext/status", null));
        await server.Client.WaitForAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == -32700, "a parse error", skip: before);
        // ...and the one after that is answered.
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_second_request_with_the_id_of_one_in_progress_is_refused_and_the_first_still_answered()
    {
        // Found by fuzzing: the duplicate used to surface as an internal error.
        var id = server.Client.NextId();
        var slow = LspClient.Frame(Encoding.UTF8.GetBytes(LspClient.Message(id, "codeContext/rank", new { textDocument = server.Doc(Active) }).ToJsonString()));
        var duplicate = LspClient.Frame(Encoding.UTF8.GetBytes(LspClient.Message(id, "codeContext/readRegion", new { textDocument = server.Doc(Active), startLine = 1, endLine = 1 }).ToJsonString()));
        var before = server.Client.Count;
        await server.Client.SendRawAsync([.. slow, .. duplicate]);
        await server.Client.WaitForAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == -32600 && e.GetProperty("message").GetString()!.Contains("already in use", StringComparison.Ordinal), "the duplicate-id error", skip: before);
        await server.Client.WaitForAsync(m => m.TryGetProperty("result", out var r) && r.TryGetProperty("files", out _), "the first request's ranking", skip: before);
        Assert.DoesNotContain(server.Client.Received.Skip(before), m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == -32603);
        // Once answered, the id may be used again.
        await server.Client.SendAsync(LspClient.Message(id, "codeContext/status", null));
        await server.Client.WaitForAsync(m => m.TryGetProperty("result", out var r) && r.TryGetProperty("state", out _), "the reused id's answer", skip: before);
    }

    [Fact]
    public async Task Junk_longer_than_a_header_block_does_not_swallow_the_request_behind_it()
    {
        // Found by the fuzzer: 10 KB without an empty line that ends in the first half of the next
        // request's header; the server must not throw that half away with the junk.
        var id = server.Client.NextId();
        var good = Encoding.ASCII.GetString(LspClient.Frame(Encoding.UTF8.GetBytes(LspClient.Message(id, "codeContext/status", null).ToJsonString())));
        var before = server.Client.Count;
        await server.Client.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 12" + new string(' ', 10_000) + good[..11]));
        await server.Client.WaitForAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("message").GetString()!.Contains("longer than", StringComparison.Ordinal), "the header-too-long error", skip: before);
        await server.Client.SendRawAsync(Encoding.ASCII.GetBytes(good[11..]));
        var response = await server.Client.ResponseAsync(id);
        Assert.True(response.TryGetProperty("result", out _), response.ToString());
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_message_over_the_limit_is_skipped_and_answered_with_its_id()
    {
        var id = server.Client.NextId();
        var huge = $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"codeContext/readRegion\",\"params\":{{\"pad\":\"{new string('x', SmallLimitServer.Limit * 3)}\"}}}}";
        await server.Client.SendRawAsync(Encoding.ASCII.GetBytes(Frame(huge)));
        var response = await server.Client.ResponseAsync(id);
        Assert.Equal(-32600, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("limit", response.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Unknown_methods_are_MethodNotFound_for_requests_and_ignored_as_notifications()
    {
        var error = await server.ErrorAsync("codeContext/teleport", new { });
        Assert.Equal(-32601, error.GetProperty("code").GetInt32());
        Assert.Contains("codeContext/teleport", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var before = server.Client.Count;
        await server.Client.NotifyAsync("codeContext/teleport", new { });
        await server.Client.NotifyAsync("$/someUnknownNotification", new { });
        await AssertStillServesAsync();
        Assert.Equal(before + 1, server.Client.Count);
    }

    [Theory]
    [InlineData("textDocument is a number", "{\"textDocument\":5}")]
    [InlineData("top is a string", "{\"textDocument\":{\"uri\":\"file:///x.cs\"},\"top\":\"ten\"}")]
    [InlineData("params is an array", "[1,2,3]")]
    [InlineData("position.line is a string", "{\"textDocument\":{\"uri\":\"file:///x.cs\"},\"position\":{\"line\":\"a\",\"character\":1}}")]
    public async Task Wrong_parameter_types_are_InvalidParams(string what, string parameters)
    {
        var id = server.Client.NextId();
        await server.Client.SendRawAsync(Encoding.UTF8.GetBytes(Frame($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"codeContext/rank\",\"params\":{parameters}}}")));
        var response = await server.Client.ResponseAsync(id);
        Assert.True(response.GetProperty("error").GetProperty("code").GetInt32() == -32602, $"{what}: {response}");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Missing_or_nonsense_parameters_name_the_field_at_fault()
    {
        var noDocument = await server.ErrorAsync("codeContext/rank", new { });
        Assert.Equal(-32602, noDocument.GetProperty("code").GetInt32());
        Assert.Contains("textDocument", noDocument.GetProperty("message").GetString(), StringComparison.Ordinal);
        var badLines = await server.ErrorAsync("codeContext/readRegion", new { textDocument = server.Doc(Active), startLine = 9, endLine = 3 });
        Assert.Contains("startLine", badLines.GetProperty("message").GetString(), StringComparison.Ordinal);
        var pastEnd = await server.ErrorAsync("codeContext/readRegion", new { textDocument = server.Doc(Active), startLine = 100000, endLine = 100001 });
        Assert.Contains("past the end", pastEnd.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Bad_notifications_and_stray_responses_are_dropped_without_an_answer()
    {
        var before = server.Client.Count;
        await server.Client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = server.Workspace.UriOf(Active) }, contentChanges = new[] { new { text = "x" } } });
        await server.Client.NotifyAsync("textDocument/didOpen", new { textDocument = 5 });
        await server.Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = "file:///etc/passwd", languageId = "csharp", version = 1, text = "x" } });
        await server.Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = "everything" });
        await server.Client.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 987654, ["result"] = 1 });
        await server.Client.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 987655, ["error"] = new JsonObject { ["code"] = 1, ["message"] = "x" } });
        await AssertStillServesAsync();
        Assert.Equal(before + 1, server.Client.Count);
    }

    [Fact]
    public async Task Cancelling_unknown_finished_or_malformed_ids_is_harmless()
    {
        var done = server.Client.NextId();
        await server.Client.SendAsync(LspClient.Message(done, "codeContext/status", null));
        await server.Client.ResponseAsync(done);
        await server.Client.NotifyAsync("$/cancelRequest", new { id = done });
        await server.Client.NotifyAsync("$/cancelRequest", new { id = 424242 });
        await server.Client.NotifyAsync("$/cancelRequest", new { id = new { nested = true } });
        await server.Client.NotifyAsync("$/cancelRequest", new { });
        await server.Client.SendRawAsync(Encoding.UTF8.GetBytes(Frame("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":[1]}")));
        await AssertStillServesAsync();
    }

    /// <summary>A real read against the loaded codebase, not just a status ping.</summary>
    private async Task AssertStillServesAsync()
    {
        var region = await server.Client.ResultAsync("codeContext/readRegion", new { textDocument = server.Doc(Active), startLine = 1, endLine = 1 });
        Assert.Equal(File.ReadLines(server.Workspace.PathOf(Active)).First(), region.GetProperty("text").GetString());
    }

    /// <param name="latin1">Count the body as the Latin-1 bytes the test sends, so \u00ff goes out as the lone byte 0xFF.</param>
    private static string Frame(string body, bool latin1 = false) =>
        $"Content-Length: {(latin1 ? body.Length : Encoding.UTF8.GetByteCount(body))}\r\n\r\n{body}";
}
