using System.Collections.Concurrent;
using CodeContext.Server.Tests.Harness;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CodeContext.Server.Tests.Mcp;

/// <summary>
/// `codecontext mcp` through the C# SDK's client, in process: what the TypeScript client test
/// (McpNodeClientTests) does not cover. Each test has its own copy of the sample.
/// </summary>
public sealed class McpToolTests : IDisposable
{
    private const string Active = "src/Shop.Services/Orders/OrderService.cs";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Progress_tells_the_load_and_the_compose_of_a_first_call()
    {
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        var messages = new ConcurrentQueue<string>();
        var result = await server.CallAsync("get_context", new { file = Active }, new Progress(messages));

        Assert.NotEqual(true, result.IsError);
        // Notifications are dispatched apart from the response: give the last one a moment.
        await Until(() => messages.Any(m => m.StartsWith("composed:", StringComparison.Ordinal)));
        Assert.Contains("waiting for the codebase to load", messages);
        Assert.Contains(messages, m => m.Contains("graph of 101 files", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("composing the context of " + Active, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_result_over_the_wire_limit_is_composed_again_for_a_budget_that_fits_and_says_so()
    {
        const long limit = 1024 * 1024;
        await using var server = await InProcessMcpServer.StartAsync(_workspace, budget: 24000, maxResultBytes: limit);

        var result = await server.CallAsync("get_context", new { file = Active, profile = "deepseek-ocr-base" });

        Assert.NotEqual(true, result.IsError);
        var header = Text(result);
        Assert.StartsWith("Budget lowered from 24000 to ", header, StringComparison.Ordinal);
        var images = result.Content.OfType<ImageContentBlock>().Sum(i => (long)i.Data.Length);
        var text = result.Content.OfType<TextContentBlock>().Sum(t => (long)t.Text.Length);
        Assert.True(images + text < limit, $"{images + text} bytes of content");
        Assert.True(result.StructuredContent!.Value.GetProperty("budget").GetInt32() < 24000);
    }

    [Fact]
    public async Task Status_answers_at_once_while_loading_then_counts_files_and_degraded_projects()
    {
        // The load is held at its first progress line; status must answer without waiting for it.
        await using var server = await InProcessMcpServer.StartAsync(_workspace, holdLog: true);
        var early = await server.CallAsync("status");
        Assert.Equal("loading", early.StructuredContent!.Value.GetProperty("state").GetString());

        server.ReleaseLog();
        await server.CallAsync("rank_files", new { file = Active, top = 1 });
        var ready = await server.CallAsync("status");
        var state = ready.StructuredContent!.Value;
        Assert.Equal("ready", state.GetProperty("state").GetString());
        Assert.Equal(101, state.GetProperty("files").GetInt32());
        // The test server loads syntax-first: every project is degraded, and status says why.
        Assert.Equal(5, state.GetProperty("degraded").GetArrayLength());
        Assert.Contains("Degraded: src/Shop.Domain/Shop.Domain.csproj: --no-msbuild", Text(ready), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_may_be_named_relative_to_the_root_absolute_or_as_a_file_uri()
    {
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        foreach (var name in new[] { Active, _workspace.PathOf(Active), _workspace.UriOf(Active), "src/Shop.Services/../Shop.Services/Orders/OrderService.cs" })
        {
            var region = await server.CallAsync("read_region", new { path = name, startLine = 1, endLine = 1 });
            Assert.NotEqual(true, region.IsError);
            Assert.Equal(Active, region.StructuredContent!.Value.GetProperty("path").GetString());
            Assert.Equal(File.ReadLines(_workspace.PathOf(Active)).First(), Text(region));
        }
    }

    [Fact]
    public async Task A_file_created_on_disk_joins_the_codebase_and_leaves_when_deleted()
    {
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        Assert.NotEqual(true, (await server.CallAsync("status")).IsError);
        await server.CallAsync("rank_files", new { file = Active }); // waits for the load
        const string created = "src/Shop.Services/Orders/OrderAuditor.cs";
        File.WriteAllText(_workspace.PathOf(created), "namespace Shop.Services.Orders;\n\npublic sealed class OrderAuditor(OrderService orders)\n{\n    public OrderService Orders { get; } = orders;\n}\n");

        // Only the watcher sees a new file: wait for it (debounced) to reach the graph.
        CallToolResult ranked = null!;
        await Until(async () => (ranked = await server.CallAsync("rank_files", new { file = created, top = 3 })).IsError != true);
        Assert.Contains(Active, Text(ranked));

        File.Delete(_workspace.PathOf(created));
        CallToolResult gone = null!;
        await Until(async () => (gone = await server.CallAsync("read_region", new { path = created, startLine = 1, endLine = 1 })).IsError == true);
        Assert.Contains("not a C# file of the loaded codebase", Text(gone));
    }

    [Fact]
    public async Task An_edit_the_watcher_handed_over_shows_in_the_next_call_and_is_not_handed_over_again()
    {
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        await server.CallAsync("rank_files", new { file = Active, top = 1 });
        File.AppendAllText(_workspace.PathOf(Active), "\n// edited on disk\n");
        const string handedOver = "changed on disk: src/Shop.Services/Orders/OrderService.cs";
        int HandOvers() => server.Log.Split('\n').Count(line => line.Contains(handedOver, StringComparison.Ordinal));

        // The watcher alone (150 ms after the event): the next call's stamp sweep must know it was handed over.
        await Until(() => HandOvers() == 1);
        var context = await server.CallAsync("get_context", new { file = Active });

        Assert.Contains("// edited on disk", Text(context), StringComparison.Ordinal);
        Assert.Equal(1, HandOvers());
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_root_is_refused_and_never_watched_in()
    {
        var secret = Path.Combine(_workspace.Outside, "Leak.cs");
        File.WriteAllText(secret, "namespace Leak;\npublic static class Leak { public const string Value = \"LeakedValue7f3a\"; }\n");
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        await server.CallAsync("rank_files", new { file = Active });
        const string link = "src/Shop.Services/Leak.cs";
        File.CreateSymbolicLink(_workspace.PathOf(link), secret);

        var read = await server.CallAsync("read_region", new { path = link, startLine = 1, endLine = 2 });
        Assert.True(read.IsError);
        Assert.Contains("a symbolic link leads out of it", Text(read));
        await Until(() => server.Log.Contains("ignored a change: watched file", StringComparison.Ordinal));
        var context = await server.CallAsync("get_context", new { file = Active });
        Assert.DoesNotContain("LeakedValue7f3a", Text(context), StringComparison.Ordinal);
        Assert.DoesNotContain(link, context.StructuredContent!.Value.GetRawText(), StringComparison.Ordinal);
    }

    // One server for every case: each is refused before or after the load, and the server must go on.
    private static readonly (string Tool, string Arguments, string Expected)[] Refusals =
    [
        ("get_context", "{}", "argument 'file' is required"),
        ("get_context", """{"file":"src/Shop.Services/Orders/OrderService.cs","budget":"lots"}""", "argument 'budget' must be integer, not \"lots\""),
        ("get_context", """{"file":"src/Shop.Services/Orders/OrderService.cs","budjet":100}""", "there is no argument 'budjet' (it takes file, line, question, budget, profile)"),
        ("get_context", """{"file":"src/Shop.Services/Orders/OrderService.cs","budget":0}""", "budget is required: a positive number of tokens, not 0"),
        ("get_context", """{"file":"src/Shop.Services/Orders/OrderService.cs","profile":"gpt-9"}""", "profile 'gpt-9' is unknown"),
        ("get_context", """{"file":"src/Shop.Services/Orders/OrderService.cs","line":5000}""", "line 5000 is not a line of 'src/Shop.Services/Orders/OrderService.cs' (1..218)"),
        ("read_region", """{"path":"src/Shop.Services/Orders/OrderService.cs","startLine":9,"endLine":3}""", "lines 9..3 are not a range"),
        ("read_region", """{"path":"src/Shop.Services/Orders/OrderService.cs","startLine":900,"endLine":901}""", "startLine 900 is past the end"),
        ("read_region", """{"path":"README.md","startLine":1,"endLine":2}""", "path 'README.md' is not a C# file of the loaded codebase"),
        ("rank_files", """{"file":"src/Shop.Services/Orders/OrderService.cs","top":0}""", "top must be at least 1, not 0"),
        ("explain_file", """{"file":"src/Shop.Services/Orders/OrderService.cs","target":"https://example.com/x.cs"}""", "target 'https://example.com/x.cs' is not a file URI"),
    ];

    [Fact]
    public async Task Arguments_that_do_not_fit_are_tool_errors_that_say_what_is_wrong()
    {
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        foreach (var (tool, arguments, expected) in Refusals)
        {
            var parsed = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments)!;
            var result = await server.Client.CallToolAsync(tool, parsed);

            Assert.True(result.IsError, $"{tool} {arguments}: {Text(result)}");
            Assert.Contains(expected, Text(result), StringComparison.Ordinal);
        }

        Assert.NotEqual(true, (await server.CallAsync("rank_files", new { file = Active, top = 1 })).IsError);
        Assert.StartsWith("ready", Text(await server.CallAsync("status")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_call_stops_it_in_the_server_which_goes_on_serving()
    {
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        // Cancelled while it waits for the load (seconds on the sample).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.CallAsync("get_context", new { file = Active }, cancellationToken: cancel.Token));

        await Until(() => server.Log.Contains("get_context cancelled by the client", StringComparison.Ordinal));
        var result = await server.CallAsync("get_context", new { file = Active });
        Assert.NotEqual(true, result.IsError);
    }

    [Fact]
    public async Task Secret_looking_values_never_reach_a_context_block()
    {
        const string key = "AKIAQWERTYUIOPASDFGH";
        File.AppendAllText(_workspace.PathOf(Active), $"\ninternal static class DeployKeys {{ public const string Aws = \"{key}\"; }}\n");
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        var result = await server.CallAsync("get_context", new { file = Active });

        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.Contains(texts, t => t.Contains("public const string Aws = \"" + new string('*', key.Length) + "\"", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(key, result.StructuredContent!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("masked with '*': 1 aws-access-key-id", texts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_region_masks_secret_looking_values()
    {
        const string key = "AKIAQWERTYUIOPASDFGH";
        File.AppendAllText(_workspace.PathOf(Active), $"\ninternal static class DeployKeys {{ public const string Aws = \"{key}\"; }}\n");
        await using var server = await InProcessMcpServer.StartAsync(_workspace);
        var result = await server.CallAsync("read_region", new { path = Active, startLine = 1, endLine = 400 });
        Assert.DoesNotContain(key, Text(result), StringComparison.Ordinal);
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    private sealed class Progress(ConcurrentQueue<string> messages) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => messages.Enqueue(value.Message ?? "");
    }
}
