using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>The sample served with a focused load forced (it is small enough to be bound whole by default).</summary>
public sealed class FocusedLoadServer : LoadedServer
{
    protected override string[] ExtraArguments => ["--analysis", "focused"];
}

/// <summary>A focused load answers at once from names, then binds every file in the background.</summary>
public sealed class FocusedLoadTests(FocusedLoadServer server) : IClassFixture<FocusedLoadServer>
{
    private const string Active = "src/Shop.Services/Orders/OrderService.cs";

    [Fact]
    public async Task Composes_while_binding_in_the_background_and_ends_with_every_file_bound()
    {
        var status = await server.Client.ResultAsync("codeContext/status");
        var files = status.GetProperty("files").GetInt32();
        Assert.Equal("ready", status.GetProperty("state").GetString());
        Assert.InRange(status.GetProperty("nameMatchedFiles").GetInt32(), 0, files);

        // Answers from whichever snapshot is current, within budget.
        var early = await server.Client.ResultAsync("codeContext/compose", new { textDocument = server.Doc(Active), budget = 8000 });
        Assert.InRange(early.GetProperty("totals").GetProperty("total").GetInt32(), 1, 8000);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (status.GetProperty("nameMatchedFiles").GetInt32() > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"still {status.GetProperty("nameMatchedFiles").GetInt32()} files matched by name");
            await Task.Delay(200);
            status = await server.Client.ResultAsync("codeContext/status");
        }

        // The load matched every file by name; the background bound them all, open documents' first.
        Assert.Contains($"{files} matched by name", server.Process.Stderr, StringComparison.Ordinal);
        Assert.Contains("in the background, 0 left", server.Process.Stderr, StringComparison.Ordinal);

        var late = await server.Client.ResultAsync("codeContext/compose", new { textDocument = server.Doc(Active), budget = 8000 });
        Assert.InRange(late.GetProperty("totals").GetProperty("total").GetInt32(), 1, 8000);
        Assert.Equal(JsonValueKind.Array, late.GetProperty("files").ValueKind);
    }
}
