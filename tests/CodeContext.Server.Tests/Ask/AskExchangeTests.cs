using System.Text.Json.Nodes;
using CodeContext.Core;
using CodeContext.Packing;
using CodeContext.Rendering.Tokenizers;
using CodeContext.Server.Ask;

namespace CodeContext.Server.Tests.Ask;

/// <summary>
/// One ask round trip against protocol peers on loopback: what reaches the wire for each API and
/// profile, how answers, usage, tool calls, errors and cancellation come back.
/// </summary>
public sealed class AskExchangeTests(ShopPackages shop) : IClassFixture<ShopPackages>
{
    private static EndpointSettings Endpoint(string provider, string url, string model, string? key = null, double timeoutSeconds = 60) =>
        new(provider, new Uri(url), model, key, TimeSpan.FromSeconds(timeoutSeconds), "test");

    private static async Task<(AskAnswer Answer, string Streamed)> SendAsync(EndpointSettings endpoint, ContextPackage package, ReadRegionTool? tool = null, CancellationToken ct = default)
    {
        var streamed = new System.Text.StringBuilder();
        var answer = await AskExchange.SendAsync(endpoint, package, AskExchange.Messages([], null, package), package.Manifest.Totals.Total, 512, tool, d =>
        {
            streamed.Append(d);
            return ValueTask.CompletedTask;
        }, ct);
        return (answer, streamed.ToString());
    }

    private static string DataUrlOf(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    [Fact]
    public async Task DeepSeekOcr2_goes_out_as_vllm_recipe_asks_images_first_with_the_ngram_extras()
    {
        var package = await shop.For("deepseek-ocr-2");
        Assert.True(package.PageList.Count > 0, "the sample must put pages in the prompt");
        await using var peer = new ModelPeer().Reply(Replies.OpenAiText("Stock ", "first."));
        var (answer, streamed) = await SendAsync(Endpoint("openai", peer.OpenAiUrl, "deepseek-ai/DeepSeek-OCR-2"), package);

        Assert.Equal("Stock first.", answer.Text);
        Assert.Equal("Stock first.", streamed);
        Assert.Equal((1234L, 2L), (answer.ServerPromptTokens!.Value, answer.ServerCompletionTokens!.Value));
        var request = Assert.Single(peer.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("deepseek-ai/DeepSeek-OCR-2", request.Body["model"]!.GetValue<string>());
        Assert.True(request.Body["stream"]!.GetValue<bool>());
        Assert.False(request.Body["skip_special_tokens"]!.GetValue<bool>());
        var xargs = request.Body["vllm_xargs"]!.AsObject();
        Assert.Equal((30, 90), (xargs["ngram_size"]!.GetValue<int>(), xargs["window_size"]!.GetValue<int>()));
        Assert.Equal([128821, 128822], xargs["whitelist_token_ids"]!.AsArray().Select(n => n!.GetValue<int>()));

        var parts = Assert.Single(request.Body["messages"]!.AsArray())!["content"]!.AsArray();
        var images = parts.TakeWhile(p => p!["type"]!.GetValue<string>() == "image_url").ToList();
        // Every page, in the manifest's order, then the prompt's text as one plain part.
        Assert.Equal(package.PageList.Select(p => DataUrlOf(p.Value)), images.Select(p => p!["image_url"]!["url"]!.GetValue<string>()));
        var text = Assert.Single(parts.Skip(images.Count))!["text"]!.GetValue<string>();
        Assert.Equal(string.Concat(package.Parts.OfType<TextPart>().Select(t => t.Text)), text);
        Assert.EndsWith(package.Instruction, text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_model_gets_the_parts_in_prompt_order_without_vllm_extras_and_non_streaming_reads_too()
    {
        // At 6k a Qwen page costs more than the text it would carry, so the bundle is all text; at 16k it has pages.
        var package = await shop.For("qwen2.5-vl", 16000);
        Assert.Contains(package.Parts, p => p is ImagePart);
        await using var peer = new ModelPeer().Reply(Replies.OpenAiText("ok"));
        var (answer, _) = await SendAsync(Endpoint("openai", peer.OpenAiUrl, "Qwen/Qwen2.5-VL-7B-Instruct"), package);
        Assert.Equal("ok", answer.Text);
        var request = Assert.Single(peer.Requests);
        Assert.Null(request.Body["vllm_xargs"]);
        Assert.Null(request.Body["skip_special_tokens"]);
        var parts = request.Body["messages"]![0]!["content"]!.AsArray();
        var expected = package.Parts.Select(p => p switch
        {
            TextPart t => "text:" + t.Text,
            ImagePart i => "image:" + DataUrlOf(package.PageList[i.Page].Value),
            _ => throw new InvalidOperationException(),
        });
        Assert.Equal(expected, parts.Select(p => p!["type"]!.GetValue<string>() == "text" ? "text:" + p["text"]!.GetValue<string>() : "image:" + p["image_url"]!["url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Read_region_round_trips_the_exact_masked_lines_and_counts_them_against_the_budget()
    {
        var package = await shop.For("gpt-4o");
        var analysis = await shop.Analysis;
        var file = analysis.Workspace.FindByRelativePath(ShopPackages.Active)!;
        var source = (await analysis.Workspace.GetDocument(file).GetTextAsync()).Lines;
        var expected = string.Join("\n", Enumerable.Range(9, 4).Select(i => source[i].ToString()));
        var tool = new ReadRegionTool(analysis.Workspace, TokenizerCatalog.Get("o200k_base"), 500);
        await using var peer = new ModelPeer()
            .Reply(Replies.OpenAiToolCall("read_region", $$"""{"path":"{{ShopPackages.Active}}","startLine":10,"endLine":13}"""))
            .Reply(Replies.OpenAiText("Read it."));

        var (answer, _) = await SendAsync(Endpoint("openai", peer.OpenAiUrl, "gpt-4o"), package, tool);

        Assert.Equal("Read it.", answer.Text);
        Assert.Equal(2, peer.Requests.Count);
        Assert.Contains(peer.Requests[0].Body["tools"]!.AsArray(), t => t!["function"]!["name"]!.GetValue<string>() == "read_region");
        var messages = peer.Requests[1].Body["messages"]!.AsArray();
        var call = messages.Single(m => m!["role"]!.GetValue<string>() == "assistant")!["tool_calls"]![0]!;
        Assert.Equal("call_1", call["id"]!.GetValue<string>());
        var result = messages.Single(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Equal("call_1", result["tool_call_id"]!.GetValue<string>());
        Assert.Equal(expected.Replace("\r", "", StringComparison.Ordinal), result["content"]!.GetValue<string>().Trim('"').Replace("\\n", "\n", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(1, answer.ToolCalls);
        var region = (await analysis.Workspace.GetDocument(file).GetTextAsync()).ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(source[9].Start, source[12].End));
        Assert.Equal(TokenizerCatalog.Get("o200k_base").CountTokens(region), answer.ToolTokens);
    }

    [Fact]
    public async Task A_region_over_what_the_budget_has_left_is_refused_with_the_tokens_left()
    {
        var analysis = await shop.Analysis;
        var tool = new ReadRegionTool(analysis.Workspace, TokenizerCatalog.Get("o200k_base"), 5);
        var function = tool.AsFunction();
        var result = await function.InvokeAsync(new Microsoft.Extensions.AI.AIFunctionArguments { ["path"] = ShopPackages.Active, ["startLine"] = 1, ["endLine"] = 80 });
        Assert.Contains("only 5 are left", result!.ToString(), StringComparison.Ordinal);
        Assert.Equal(5, tool.TokensLeft);
        var outside = await function.InvokeAsync(new Microsoft.Extensions.AI.AIFunctionArguments { ["path"] = "../../etc/passwd", ["startLine"] = 1, ["endLine"] = 2 });
        Assert.Contains("not a file of this context", outside!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ollama_gets_its_own_chat_api_with_the_pages_as_images_and_streams_ndjson()
    {
        var package = await shop.For("deepseek-ocr-base");
        await using var peer = new ModelPeer().Reply(Replies.OllamaText("Re", "serve."));
        var (answer, streamed) = await SendAsync(Endpoint("ollama", peer.BaseUrl, "deepseek-ocr"), package);
        Assert.Equal(("Reserve.", "Reserve."), (answer.Text, streamed));
        Assert.Equal(321L, answer.ServerPromptTokens);
        var request = Assert.Single(peer.Requests);
        Assert.Equal("/api/chat", request.Path);
        Assert.Equal("deepseek-ocr", request.Body["model"]!.GetValue<string>());
        var message = request.Body["messages"]![0]!;
        Assert.Equal(package.PageList.Select(p => Convert.ToBase64String(p.Value)), message["images"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Null(request.Body["vllm_xargs"]);
    }

    [Fact]
    public async Task Anthropic_gets_messages_with_base64_image_blocks_and_the_key_header()
    {
        // Claude's pages cost more than their text on the sample, so its own bundles carry none;
        // a bundle with pages shows the image blocks.
        var package = await shop.For("qwen2.5-vl", 16000);
        Assert.Contains(package.Parts, p => p is ImagePart);
        await using var peer = new ModelPeer().Reply(Replies.AnthropicText("Because ", "payments fail."));
        var (answer, _) = await SendAsync(Endpoint("anthropic", peer.BaseUrl, "claude-sonnet-4-5", key: "sk-ant-test"), package);
        Assert.Equal("Because payments fail.", answer.Text);
        Assert.Equal(777L, answer.ServerPromptTokens);
        var request = Assert.Single(peer.Requests);
        Assert.Equal("/v1/messages", request.Path);
        // The SDK sends an API key as a bearer token (its ClientOptions.ApiKey documentation).
        Assert.Equal("Bearer sk-ant-test", request.Authorization);
        Assert.Equal(512, request.Body["max_tokens"]!.GetValue<int>());
        var blocks = request.Body["messages"]![0]!["content"]!.AsArray();
        var images = blocks.Where(b => b!["type"]!.GetValue<string>() == "image").Select(b => b!["source"]!["data"]!.GetValue<string>());
        Assert.Equal(package.PageList.Select(p => Convert.ToBase64String(p.Value)), images);
    }

    private static readonly Dictionary<string, (string Provider, Func<PeerRequest, System.Net.HttpListenerResponse, Task> Reply)> FailureReplies = new(StringComparer.Ordinal)
    {
        ["vllm-400"] = ("openai", Replies.VllmError(400, "At most 1 image(s) may be provided in one request.")),
        ["openai-401"] = ("openai", Replies.OpenAiError(401, "Incorrect API key provided.")),
        ["vllm-500"] = ("openai", Replies.VllmError(500, "CUDA out of memory")),
        ["openai-404"] = ("openai", Replies.OpenAiError(404, "The model `nope` does not exist.")),
        ["ollama-404"] = ("ollama", Replies.OllamaError(404, "model \"deepseek-ocr\" not found, try pulling it first")),
        ["anthropic-400"] = ("anthropic", Replies.AnthropicError(400, "invalid_request_error", "messages: too many images")),
    };

    [Theory]
    [InlineData("vllm-400", "rejected the request (400): At most 1 image(s) may be provided in one request.")]
    [InlineData("openai-401", "refused the key (401): Incorrect API key provided.")]
    [InlineData("vllm-500", "failed (500): CUDA out of memory")]
    [InlineData("openai-404", "answered 404: The model `nope` does not exist.")]
    [InlineData("ollama-404", "not found, try pulling it first")]
    [InlineData("anthropic-400", "too many images")]
    public async Task A_refusal_is_one_line_naming_the_status_and_the_servers_message(string failure, string expected)
    {
        var (provider, reply) = FailureReplies[failure];
        var package = await shop.For(provider == "anthropic" ? "claude" : "deepseek-ocr-base");
        await using var peer = new ModelPeer().Reply(reply);
        var url = provider == "openai" ? peer.OpenAiUrl : peer.BaseUrl;
        var error = await Assert.ThrowsAsync<UserError>(() => SendAsync(Endpoint(provider, url, "m", key: "k"), package));
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task An_unreachable_endpoint_and_a_silent_one_say_what_to_check()
    {
        var package = await shop.For("deepseek-ocr-base");
        int closedPort;
        await using (var gone = new ModelPeer()) closedPort = gone.Port;
        var unreachable = await Assert.ThrowsAsync<UserError>(() => SendAsync(Endpoint("openai", $"http://127.0.0.1:{closedPort}/v1", "m"), package));
        Assert.Contains("cannot reach", unreachable.Message, StringComparison.Ordinal);

        await using var peer = new ModelPeer().Reply(Replies.OpenAiStall(TimeSpan.FromSeconds(30)));
        var slow = await Assert.ThrowsAsync<UserError>(() => SendAsync(Endpoint("openai", peer.OpenAiUrl, "m", timeoutSeconds: 1), package));
        Assert.Contains("gave no answer within 1 s", slow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_an_ask_hangs_up_on_the_server()
    {
        var package = await shop.For("deepseek-ocr-base");
        await using var peer = new ModelPeer().Reply(Replies.OpenAiStall(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource();
        var streamed = new System.Text.StringBuilder();
        var ask = AskExchange.SendAsync(Endpoint("openai", peer.OpenAiUrl, "m"), package, AskExchange.Messages([], null, package), 0, 64, null, d =>
        {
            streamed.Append(d);
            cancel.Cancel();
            return ValueTask.CompletedTask;
        }, cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
        Assert.Equal("thinking", streamed.ToString());
        // The peer's next write fails once the connection is gone (it writes [DONE] after the stall).
        await peer.ClientGone.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
