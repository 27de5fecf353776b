using System.Diagnostics;
using System.Text.Json;
using CodeContext.Server.Rpc;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>LSP's lifecycle against the real process: what is accepted when, and the exit codes.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Requests_before_initialize_are_refused_then_initialize_shutdown_and_exit_end_with_code_0()
    {
        await using var server = ServerProcess.Start("--no-msbuild", "--no-cache");
        var client = server.Client;

        var early = await client.RequestAsync("codeContext/status");
        Assert.Equal(-32002, early.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("initialize", early.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        // A notification before initialize is dropped without an answer; the next request still works.
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = _workspace.UriOf("src/Shop.Services/Orders/OrderService.cs"), languageId = "csharp", version = 1, text = "x" } });

        var init = await client.ResultAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri, capabilities = new { } });
        var methods = init.GetProperty("capabilities").GetProperty("experimental").GetProperty("codeContext").GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ToList();
        // Every codeContext/ method the server answers is announced, so a client can discover ask too.
        string[] answered = [.. typeof(LspMethods).GetFields()
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(m => m.StartsWith(LspMethods.CodeContextPrefix, StringComparison.Ordinal) && m != LspMethods.CodeContextPrefix)];
        Assert.Equal(answered.Order(), methods.Order());
        Assert.Contains(LspMethods.Ask, methods);
        Assert.Equal(2, init.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.Equal("codecontext", init.GetProperty("serverInfo").GetProperty("name").GetString());

        var again = await client.RequestAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri });
        Assert.Equal(-32600, again.GetProperty("error").GetProperty("code").GetInt32());

        var status = await client.ResultAsync("codeContext/status");
        Assert.Equal("not-started", status.GetProperty("state").GetString());

        Assert.Equal(JsonValueKind.Null, (await client.ResultAsync("shutdown")).ValueKind);
        var late = await client.RequestAsync("codeContext/status");
        Assert.Equal(-32600, late.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("shutdown", late.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        await client.NotifyAsync("exit");
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain("Unhandled exception", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        await using var server = ServerProcess.Start("--no-msbuild", "--no-cache");
        await server.Client.ResultAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri });
        await server.Client.NotifyAsync("exit");
        Assert.Equal(1, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Closing_stdin_ends_the_server()
    {
        var server = ServerProcess.Start("--no-msbuild", "--no-cache");
        await server.Client.ResultAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri });
        await server.Client.DisposeAsync();
        Assert.Equal(1, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Closing_stdin_while_the_workspace_loads_ends_the_server_within_seconds()
    {
        var server = ServerProcess.Start("--no-cache");
        await server.Client.ResultAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri });
        await server.Client.NotifyAsync("initialized", new { });
        await server.Client.DisposeAsync();
        Assert.Equal(1, await server.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task When_the_client_process_dies_the_server_exits_though_its_input_stays_open()
    {
        // The client as LSP names it (initialize's processId); the test keeps the server's stdin open, as
        // a process the client started and that outlived it would.
        using var client = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        await using var server = ServerProcess.Start("--no-msbuild", "--no-cache");
        await server.Client.ResultAsync("initialize", new { processId = client.Id, rootUri = new Uri(_workspace.Root).AbsoluteUri });
        await server.Client.NotifyAsync("initialized", new { });
        Assert.Equal(JsonValueKind.Object, (await server.Client.ResultAsync("codeContext/status")).ValueKind);
        var id = client.Id;

        client.Kill();
        await client.WaitForExitAsync();

        Assert.Equal(1, await server.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains($"the client process {id} ended", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_with_a_root_that_does_not_exist_is_invalid_params_and_can_be_retried()
    {
        await using var server = ServerProcess.Start("--no-msbuild", "--no-cache");
        var missing = await server.Client.RequestAsync("initialize", new { rootUri = new Uri(_workspace.Root + "-missing").AbsoluteUri });
        Assert.Equal(-32602, missing.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("-missing", missing.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var none = await server.Client.RequestAsync("initialize", new { capabilities = new { } });
        Assert.Contains("rootUri", none.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var profile = await server.Client.RequestAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri, initializationOptions = new { profile = "gpt-5" } });
        Assert.Equal(-32602, profile.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("'gpt-5' is not a profile", profile.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        await server.Client.ResultAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri, initializationOptions = new { profile = "gpt-4o" } });
    }
}
