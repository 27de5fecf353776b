using System.Text.Json;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Ask;

/// <summary>codeContext/ask on the real server: partial results, sessions, $/cancelRequest reaching the HTTP call.</summary>
public sealed class AskRpcTests(LoadedServer server) : IClassFixture<LoadedServer>
{
    private object Params(ModelPeer peer, string question, object? extra = null) => new
    {
        textDocument = server.Doc(ShopPackages.Active),
        budget = 6000,
        question,
        session = (extra as string),
        endpoint = new { url = peer.OpenAiUrl, provider = "openai", model = "deepseek-ai/DeepSeek-OCR" },
        partialResultToken = "answer-1",
    };

    private static bool IsDelta(JsonElement m) =>
        m.TryGetProperty("method", out var method) && method.GetString() == "$/progress"
        && m.GetProperty("params").GetProperty("token").ValueKind == JsonValueKind.String
        && m.GetProperty("params").GetProperty("token").GetString() == "answer-1";

    [Fact]
    public async Task The_answer_streams_as_partial_results_and_the_session_goes_on()
    {
        await using var peer = new ModelPeer().Reply(Replies.OpenAiText("Reserve ", "then ", "charge.")).Reply(Replies.OpenAiText("Yes."));
        var before = server.Client.Received.Count(IsDelta);
        var result = await server.Client.ResultAsync("codeContext/ask", Params(peer, "Why reserve first?", "rpc-session"));
        Assert.Equal("Reserve then charge.", result.GetProperty("answer").GetString());
        Assert.Equal(1234, result.GetProperty("serverPromptTokens").GetInt32());
        Assert.True(result.GetProperty("promptTokens").GetInt32() <= result.GetProperty("promptBudget").GetInt32());
        var deltas = server.Client.Received.Where(IsDelta).Skip(before).Select(m => m.GetProperty("params").GetProperty("value").GetProperty("delta").GetString());
        Assert.Equal(["Reserve ", "then ", "charge."], deltas);

        var second = await server.Client.ResultAsync("codeContext/ask", Params(peer, "Always?", "rpc-session"));
        Assert.Equal("Yes.", second.GetProperty("answer").GetString());
        var messages = peer.Requests[1].Body["messages"]!.AsArray();
        Assert.Equal("Why reserve first?", messages[0]!["content"]!.GetValue<string>());
        Assert.Equal("Reserve then charge.", messages[1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_request_ends_the_ask_and_hangs_up_on_the_model()
    {
        await using var peer = new ModelPeer().Reply(Replies.OpenAiStall(TimeSpan.FromSeconds(60)));
        var id = server.Client.NextId();
        var before = server.Client.Received.Count;
        await server.Client.SendAsync(LspClient.Message(id, "codeContext/ask", Params(peer, "Slow?")));
        await server.Client.WaitForAsync(IsDelta, "the first piece of the answer", skip: before);
        await server.Client.NotifyAsync("$/cancelRequest", new { id });
        var response = await server.Client.ResponseAsync(id);
        Assert.Equal(-32800, response.GetProperty("error").GetProperty("code").GetInt32());
        await peer.ClientGone.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_refusal_is_an_error_naming_the_servers_message()
    {
        await using var peer = new ModelPeer().Reply(Replies.VllmError(400, "At most 1 image(s) may be provided in one request."));
        var error = await server.ErrorAsync("codeContext/ask", Params(peer, "Too many pages?"));
        Assert.Contains("At most 1 image(s)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
