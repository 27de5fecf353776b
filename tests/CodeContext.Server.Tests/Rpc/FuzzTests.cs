using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeContext.Server.Tests.Harness;
using CsCheck;
using Xunit.Abstractions;

namespace CodeContext.Server.Tests.Rpc;

/// <summary>
/// Property-based fuzzing of framing and dispatch (CsCheck) against the real host wiring in
/// process: after every generated input the server must still answer a real request, never
/// with an internal error, and never drop the connection. CI runs a short smoke; the long run
/// sets CODECONTEXT_FUZZ_ITERATIONS (see docs/benchmarks.md).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Limit = 2048;
    private const int Batch = 32;
    private const string Probe = "src/Shop.Services/Orders/OrderService.cs";
    private readonly TempWorkspace _workspace = new();
    private readonly RecentLines _log = new(200);
    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = new InProcessServer(Limit, _log);
        await _server.Client.ResultAsync("initialize", new { rootUri = new Uri(_workspace.Root).AbsoluteUri });
        await _server.Client.NotifyAsync("initialized", new { });
        await _server.Client.ResultAsync("codeContext/readRegion", ProbeParams);
        // Loaded: from now on every probe answers within milliseconds, so a stall shows quickly.
        _server.Client.Timeout = TimeSpan.FromSeconds(30);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _workspace.Dispose();
    }

    private object ProbeParams => new { textDocument = new { uri = _workspace.UriOf(Probe) }, startLine = 1, endLine = 1 };

    [Fact]
    public async Task Framing_and_dispatch_survive_random_input_and_the_next_request_works()
    {
        var inputsWanted = int.TryParse(Environment.GetEnvironmentVariable("CODECONTEXT_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : 2000;
        var client = _server.Client;
        var padding = Encoding.ASCII.GetBytes(new string(' ', FuzzInputs.MaxOverRead + 100));
        var codes = new SortedDictionary<int, long>();
        long inputs = 0, bytes = 0, runs = 0;
        var clock = Stopwatch.StartNew();
        var progress = Environment.GetEnvironmentVariable("CODECONTEXT_FUZZ_PROGRESS");

        // Inputs go in runs of up to Batch, back to back (so one can confuse the reading of the
        // next), then padding and the probe: the property holds for every run.
        await FuzzInputs.Input(_workspace.Root, Limit).Array[1, Batch].SampleAsync(
            async run =>
            {
                var input = run.SelectMany(i => i).ToArray();
                var before = client.Count;
                // A string id the generator cannot produce: fuzz ids never collide with the probe's.
                var probeId = $"probe-{Guid.NewGuid():N}";
                var probe = LspClient.Frame(Encoding.UTF8.GetBytes(LspClient.Message(JsonValue.Create(probeId), "codeContext/readRegion", ProbeParams).ToJsonString()));
                await client.SendRawAsync([.. input, .. padding, .. probe]);
                JsonElement response;
                try
                {
                    response = await client.ResponseAsync(probeId);
                }
                catch (TimeoutException)
                {
                    var dump = Path.Combine(Path.GetTempPath(), $"codecontext-fuzz-stall-{probeId}.txt");
                    await File.WriteAllTextAsync(dump, string.Join("\n", run.Select(Convert.ToBase64String)) + "\n--- server log ---\n" + _log);
                    throw new TimeoutException($"no answer to the probe after a run of {run.Length} inputs (saved to {dump})");
                }

                Assert.True(response.TryGetProperty("result", out _), $"the probe after an input failed: {response}");
                foreach (var message in client.Received.Skip(before))
                {
                    if (!message.TryGetProperty("error", out var error)) continue;
                    var code = error.GetProperty("code").GetInt32();
                    Assert.True(code != -32603, $"internal error after input {Convert.ToBase64String(input)}: {error}\n--- server log ---\n{_log}");
                    codes[code] = codes.GetValueOrDefault(code) + 1;
                }

                bytes += input.Length;
                inputs += run.Length;
                if (++runs % 200 == 0)
                {
                    client.Forget();
                    if (progress is not null && runs % 2000 == 0) await File.AppendAllTextAsync(progress, $"{DateTime.UtcNow:HH:mm:ss} {inputs} inputs, {runs} runs\n");
                }
            },
            iter: Math.Max(1, inputsWanted * 2 / (Batch + 1)),
            threads: 1,
            print: run => string.Join(" | ", run.Select(i => Encoding.UTF8.GetString(i))));

        clock.Stop();
        Assert.False(client.Closed);
        Assert.False(_server.Completion.IsCompleted);
        var summary = $"fuzz: {inputs} inputs in {runs} runs ({bytes} bytes) in {clock.Elapsed.TotalSeconds:F1} s, " +
            $"{inputs / clock.Elapsed.TotalSeconds:F0}/s; error replies by code: {string.Join(", ", codes.Select(c => $"{c.Key}: {c.Value}"))}";
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("CODECONTEXT_FUZZ_REPORT") is { Length: > 0 } report) await File.WriteAllTextAsync(report, summary + "\n");
    }

    [Fact]
    public void The_id_of_an_oversized_message_is_found_in_its_first_bytes()
    {
        Assert.Equal(42, Server.Rpc.Framing.JsonRpcShape.FindTopLevelId("{\"jsonrpc\":\"2.0\",\"id\":42,\"params\":{\"pad\":\"xxxx"u8).Number);
        Assert.Equal("a", Server.Rpc.Framing.JsonRpcShape.FindTopLevelId("{\"params\":{\"id\":7},\"id\":\"a\",\"x\":\"yyy"u8).Text);
        Assert.True(Server.Rpc.Framing.JsonRpcShape.FindTopLevelId("{\"params\":{\"id\":7,\"pad\":\"xxxxx"u8).IsNone);
        Assert.True(Server.Rpc.Framing.JsonRpcShape.FindTopLevelId("[1,2"u8).IsNone);
    }
}
