using System.Text.Json.Nodes;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Ask;

/// <summary>`codecontext ask` on the real executable against a loopback peer: streaming, sessions, failures.</summary>
public sealed class AskCommandTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "cc-ask-tests", Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    private string Cache => Path.Combine(_work, "cache");

    private string SessionFile(string name) => Path.Combine(Cache, "sessions", name + ".json");

    private async Task<(int Exit, string Out, string Err)> AskAsync(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        return await CliRun.RunAsync(RepoLayout.ServerDll, ["ask", "samples/Shop", "--active", ShopPackages.Active, .. arguments, "--cache-dir", Cache], psi =>
        {
            // Nothing from the machine's own configuration: only what the test says.
            foreach (var name in new[] { "CODECONTEXT_ENDPOINT", "CODECONTEXT_MODEL", "CODECONTEXT_PROVIDER", "CODECONTEXT_API_KEY", "ANTHROPIC_API_KEY" }) psi.Environment.Remove(name);
            psi.Environment["XDG_CONFIG_HOME"] = Path.Combine(_work, "config");
            foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) psi.Environment[name] = value;
        });
    }

    [Fact]
    public async Task Ask_streams_the_answer_keeps_the_session_and_sends_it_back_next_turn()
    {
        await using var peer = new ModelPeer().Reply(Replies.OpenAiText("Stock is ", "reserved first.")).Reply(Replies.OpenAiText("Yes."));
        var (exit, stdout, stderr) = await AskAsync(null, "--endpoint", peer.OpenAiUrl, "--budget", "6000", "--session", "s1", "Why reserve stock first?");
        Assert.True(exit == 0, stderr);
        Assert.Equal("Stock is reserved first.", stdout.Trim());
        Assert.Contains("by the server's", stderr, StringComparison.Ordinal);
        var saved = JsonNode.Parse(File.ReadAllText(SessionFile("s1")))!["turns"]!.AsArray();
        Assert.Equal(["user", "assistant"], saved.Select(t => t!["role"]!.GetValue<string>()));

        (exit, stdout, stderr) = await AskAsync(null, "--endpoint", peer.OpenAiUrl, "--budget", "6000", "--session", "s1", "--json", "Even when payment fails?");
        Assert.True(exit == 0, stderr);
        var answer = JsonNode.Parse(stdout)!;
        Assert.Equal("Yes.", answer["text"]!.GetValue<string>());
        Assert.Equal(1234, answer["serverPromptTokens"]!.GetValue<int>());
        Assert.InRange(answer["ourPromptTokens"]!.GetValue<int>(), 1, 6000);
        var messages = peer.Requests[1].Body["messages"]!.AsArray();
        Assert.Equal(("user", "Why reserve stock first?"), (messages[0]!["role"]!.GetValue<string>(), messages[0]!["content"]!.GetValue<string>()));
        Assert.Equal(("assistant", "Stock is reserved first."), (messages[1]!["role"]!.GetValue<string>(), messages[1]!["content"]!.GetValue<string>()));
        Assert.Equal(4, JsonNode.Parse(File.ReadAllText(SessionFile("s1")))!["turns"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_refused_ask_is_one_line_with_the_bundle_written_and_the_session_unchanged()
    {
        await using var peer = new ModelPeer().Reply(Replies.OpenAiText("First answer.")).Reply(Replies.VllmError(400, "At most 1 image(s) may be provided in one request."));
        var (exit, _, stderr) = await AskAsync(null, "--endpoint", peer.OpenAiUrl, "--budget", "6000", "--session", "s2", "First?");
        Assert.True(exit == 0, stderr);
        var before = File.ReadAllBytes(SessionFile("s2"));

        var bundle = Path.Combine(_work, "bundle");
        (exit, _, stderr) = await AskAsync(null, "--endpoint", peer.OpenAiUrl, "--budget", "6000", "--session", "s2", "--out", bundle, "--quiet", "Second?");
        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("rejected the request (400): At most 1 image(s) may be provided in one request.", line, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(bundle, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(bundle, "request.openai.json")));
        Assert.Equal(before, File.ReadAllBytes(SessionFile("s2")));
    }

    [Fact]
    public async Task A_missing_key_says_which_variable_to_set_and_a_claude_bundle_carries_an_anthropic_request()
    {
        await using var peer = new ModelPeer();
        var bundle = Path.Combine(_work, "claude");
        var (exit, _, stderr) = await AskAsync(null, "--endpoint", peer.BaseUrl, "--profile", "claude", "--budget", "6000", "--out", bundle, "--quiet", "Why?");
        Assert.Equal(2, exit);
        Assert.Contains("missing API key", stderr, StringComparison.Ordinal);
        Assert.Contains("CODECONTEXT_API_KEY", stderr, StringComparison.Ordinal);
        Assert.Empty(peer.Requests);
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "request.anthropic.json")))!;
        Assert.Equal("claude-sonnet-4-5", request["model"]!.GetValue<string>());
        // Claude's pages cost more than their text on the sample: the bundle is text blocks (images, where
        // a bundle has them, are PNG blocks: AskExchangeTests).
        var blocks = request["messages"]![0]!["content"]!.AsArray();
        Assert.Contains(blocks, b => b!["type"]!.GetValue<string>() == "text" && b["text"]!.GetValue<string>().Contains("class OrderService", StringComparison.Ordinal));
        Assert.All(blocks, b => Assert.True(b!["type"]!.GetValue<string>() == "text" || b["source"]!["media_type"]!.GetValue<string>() == "image/png"));
        Assert.False(File.Exists(Path.Combine(bundle, "request.openai.json")));
        Assert.False(File.Exists(Path.Combine(bundle, "prompt.deepseek-ocr.json")));
    }

    [Fact]
    public async Task Dry_run_plans_room_for_the_answer_and_elides_the_images()
    {
        var (exit, stdout, stderr) = await AskAsync(null, "--profile", "deepseek-ocr-2", "--budget", "16000", "--max-output-tokens", "2000", "--dry-run", "--quiet", "Why?");
        Assert.True(exit == 0, stderr);
        var plan = JsonNode.Parse(stdout)!;
        var tokens = plan["tokens"]!;
        Assert.Equal(8192 - 2000, tokens["promptBudget"]!.GetValue<int>());
        Assert.True(tokens["prompt"]!.GetValue<int>() <= tokens["promptBudget"]!.GetValue<int>());
        Assert.Contains("not 16000", plan["replanned"]!.GetValue<string>(), StringComparison.Ordinal);
        var parts = plan["messages"]![0]!["content"]!.AsArray();
        Assert.All(parts.Where(p => p!["type"]!.GetValue<string>() == "image"), p => Assert.True(p!["elided"]!.GetValue<bool>()));
        Assert.Equal("text", parts[^1]!["type"]!.GetValue<string>());
        Assert.Equal(30, plan["body"]!["vllm_xargs"]!["ngram_size"]!.GetValue<int>());
    }
}
