using System.Text;
using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Hostile;

/// <summary>
/// Issue 12, items 15, 16 and 18 on the real server: a NUL hidden in a URI, a message in another
/// charset and a document-sized question each get a clear error naming what is wrong, and the
/// next request works.
/// </summary>
public sealed class ProtocolTests(LoadedServer server) : IClassFixture<LoadedServer>
{
    private const string Active = "src/Shop.Services/Orders/OrderService.cs";

    public static TheoryData<string, string> UriFields => new()
    {
        { "codeContext/readRegion", "textDocument.uri" },
        { "codeContext/rank", "textDocument.uri" },
        { "codeContext/rank", "recent[0]" },
        { "codeContext/explain", "target.uri" },
        { "codeContext/compose", "textDocument.uri" },
    };

    [Theory]
    [MemberData(nameof(UriFields))]
    public async Task A_percent_encoded_NUL_in_a_uri_is_invalid_params_naming_the_field(string method, string field)
    {
        // "%00" passes a check of the raw string and only becomes a NUL when the URI is decoded.
        var nul = server.Workspace.UriOf(Active) + "%00.txt";
        object Uri(string name) => new { uri = field.StartsWith(name, StringComparison.Ordinal) ? nul : server.Workspace.UriOf(Active) };
        object parameters = method switch
        {
            "codeContext/readRegion" => new { textDocument = Uri("textDocument"), startLine = 1, endLine = 2 },
            "codeContext/explain" => new { textDocument = Uri("textDocument"), target = Uri("target") },
            "codeContext/compose" => new { textDocument = Uri("textDocument"), budget = 4000 },
            _ when field == "recent[0]" => new { textDocument = server.Doc(Active), recent = new[] { nul } },
            _ => new { textDocument = Uri("textDocument") },
        };

        var error = await server.ErrorAsync(method, parameters);

        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(field, message, StringComparison.Ordinal);
        Assert.Contains("NUL", message, StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("rootUri")]
    [InlineData("rootPath")]
    [InlineData("initializationOptions.path")]
    public async Task A_NUL_in_the_root_or_load_path_of_initialize_is_invalid_params(string field)
    {
        await using var fresh = ServerProcess.Start("--no-msbuild", "--no-cache");
        var rootUri = new Uri(server.Workspace.Root).AbsoluteUri;
        object parameters = field switch
        {
            "rootUri" => new { processId = Environment.ProcessId, rootUri = rootUri + "%00", capabilities = new { } },
            "rootPath" => new { processId = Environment.ProcessId, rootPath = server.Workspace.Root + "\0", capabilities = new { } },
            _ => new { processId = Environment.ProcessId, rootUri, capabilities = new { }, initializationOptions = new { path = "src\0" } },
        };

        var response = await fresh.Client.RequestAsync("initialize", parameters);

        Assert.True(response.TryGetProperty("error", out var error), response.ToString());
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(field, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("before")]
    [InlineData("after")]
    [InlineData("behind stray bytes")]
    public async Task A_message_in_another_charset_is_answered_with_an_error_and_never_runs(string contentTypePosition)
    {
        var id = server.Client.NextId();
        var body = Encoding.UTF8.GetBytes(LspClient.Message(id, "codeContext/status", null).ToJsonString());
        var length = $"Content-Length: {body.Length}\r\n";
        const string type = "Content-Type: application/vscode-jsonrpc; charset=latin1\r\n";
        var header = contentTypePosition switch
        {
            "before" => type + length,
            "after" => length + type,
            // The tail of a body whose Content-Length was too small, then this message's headers.
            _ => "\"}}\r\n" + type + length,
        };
        var before = server.Client.Count;

        await server.Client.SendRawAsync([.. Encoding.ASCII.GetBytes(header + "\r\n"), .. body]);

        var refusal = await server.Client.WaitForAsync(m => m.TryGetProperty("error", out var e) && e.GetProperty("message").GetString()!.Contains("charset", StringComparison.Ordinal), "the charset refusal", skip: before);
        Assert.Equal(-32700, refusal.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("'latin1'", refusal.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        // Answered with the request's own id, so the client's request is not left waiting.
        Assert.Equal(id, refusal.GetProperty("id").GetInt64());
        await AssertStillServesAsync();
        Assert.DoesNotContain(server.Client.Received.Skip(before), m => m.TryGetProperty("result", out _) && m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt64() == id);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf8")]
    [InlineData("\"UTF-8\"")]
    public async Task Utf8_charsets_are_accepted(string charset)
    {
        var id = server.Client.NextId();
        var body = Encoding.UTF8.GetBytes(LspClient.Message(id, "codeContext/status", null).ToJsonString());
        await server.Client.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Type: application/vscode-jsonrpc; charset={charset}\r\nContent-Length: {body.Length}\r\n\r\n"), .. body]);
        var response = await server.Client.ResponseAsync(id);
        Assert.True(response.TryGetProperty("result", out _), response.ToString());
    }

    [Theory]
    [InlineData("codeContext/rank")]
    [InlineData("codeContext/compose")]
    [InlineData("codeContext/explain")]
    public async Task A_query_over_the_limit_is_invalid_params_naming_it(string method)
    {
        var query = string.Concat(Enumerable.Repeat("why is the order rejected? ", 700));
        Assert.True(query.Length > 16 * 1024);
        object parameters = method switch
        {
            "codeContext/compose" => new { textDocument = server.Doc(Active), budget = 4000, query },
            "codeContext/explain" => new { textDocument = server.Doc(Active), target = server.Doc("src/Shop.Domain/Orders/Order.cs"), query },
            _ => new { textDocument = server.Doc(Active), query },
        };

        var error = await server.ErrorAsync(method, parameters);

        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains($"{method}: params.query is {query.Length} characters long; the limit is 16384", message, StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_document_sized_query_is_refused_by_its_size_without_being_read()
    {
        var query = new string('w', 3 * 1024 * 1024);
        var error = await server.ErrorAsync("codeContext/rank", new { textDocument = server.Doc(Active), query });
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains($"codeContext/rank: params.query is {query.Length} bytes of JSON text, far over the limit of 16384 characters", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_query_at_the_limit_is_answered()
    {
        var query = string.Concat(Enumerable.Repeat("OrderService ", 2000))[..(16 * 1024)];
        var result = await server.Client.ResultAsync("codeContext/rank", new { textDocument = server.Doc(Active), query, top = 3 });
        Assert.Equal(3, result.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task The_cli_refuses_a_query_over_the_limit_before_loading()
    {
        var query = new string('q', 16 * 1024 + 1);
        var run = await Cli.RunAsync(server.Workspace.Outside, "rank", server.Workspace.Root, "--active", Active, "--no-msbuild", "--no-cache", "--query", query);
        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains($"--query is {query.Length} characters long; the limit is 16384", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("codecontext: loading", run.Err, StringComparison.Ordinal);
    }

    private async Task AssertStillServesAsync()
    {
        var region = await server.Client.ResultAsync("codeContext/readRegion", new { textDocument = server.Doc(Active), startLine = 1, endLine = 1 });
        Assert.Equal(File.ReadLines(server.Workspace.PathOf(Active)).First(), region.GetProperty("text").GetString());
    }
}
