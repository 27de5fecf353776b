using System.Net;
using System.Text.Json.Nodes;

namespace CodeContext.Server.Tests.Ask;

/// <summary>Replies shaped as each API documents them, for the peer to script.</summary>
internal static class Replies
{
    private const string Created = "1765000000";

    /// <summary>OpenAI chat completion, streamed (SSE, usage in the final chunk) when the request asks for it.</summary>
    public static Func<PeerRequest, HttpListenerResponse, Task> OpenAiText(params string[] pieces) => (request, response) =>
    {
        var model = request.Body["model"]?.GetValue<string>() ?? "m";
        if (request.Body["stream"]?.GetValue<bool>() != true)
        {
            return ModelPeer.Json(response, 200, JsonNode.Parse("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":" + (Created) + ",\"model\":\"" + (model) + "\",                 \"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + (JsonValue.Create(string.Concat(pieces)).ToJsonString()) + "},\"finish_reason\":\"stop\"}],                 \"usage\":{\"prompt_tokens\":1234,\"completion_tokens\":" + (pieces.Length) + ",\"total_tokens\":" + (1234 + pieces.Length) + "}}")!);
        }

        var events = new List<(string?, string)> { (null, Chunk(model, """{"role":"assistant","content":""}""", null)) };
        events.AddRange(pieces.Select(p => ((string?)null, Chunk(model, new JsonObject { ["content"] = p }.ToJsonString(), null))));
        events.Add((null, Chunk(model, "{}", "\"stop\"")));
        events.Add((null, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":" + (Created) + ",\"model\":\"" + (model) + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":1234,\"completion_tokens\":" + (pieces.Length) + ",\"total_tokens\":" + (1234 + pieces.Length) + "}}"));
        events.Add((null, "[DONE]"));
        return ModelPeer.Events(response, events);
    };

    /// <summary>A streamed assistant turn that calls one tool (finish_reason tool_calls), arguments split across chunks as servers send them.</summary>
    public static Func<PeerRequest, HttpListenerResponse, Task> OpenAiToolCall(string name, string arguments) => (request, response) =>
    {
        var model = request.Body["model"]!.GetValue<string>();
        var half = arguments.Length / 2;
        var first = new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments[..half] } }) };
        var second = new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = arguments[half..] } }) };
        return ModelPeer.Events(response, [(null, Chunk(model, first.ToJsonString(), null)), (null, Chunk(model, second.ToJsonString(), null)), (null, Chunk(model, "{}", "\"tool_calls\"")), (null, "[DONE]")]);
    };

    private static string Chunk(string model, string delta, string? finish) =>
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":" + (Created) + ",\"model\":\"" + (model) + "\",\"choices\":[{\"index\":0,\"delta\":" + (delta) + ",\"finish_reason\":" + (finish ?? "null") + "}]}";

    /// <summary>OpenAI's error body.</summary>
    public static Func<PeerRequest, HttpListenerResponse, Task> OpenAiError(int status, string message) => (_, response) =>
        ModelPeer.Json(response, status, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = null } });

    /// <summary>vLLM's error body (ErrorResponse: object, message, type, param, code).</summary>
    public static Func<PeerRequest, HttpListenerResponse, Task> VllmError(int status, string message) => (_, response) =>
        ModelPeer.Json(response, status, new JsonObject { ["object"] = "error", ["message"] = message, ["type"] = status >= 500 ? "InternalServerError" : "BadRequestError", ["param"] = null, ["code"] = status });

    /// <summary>Ollama /api/chat streamed as NDJSON, the last line done with its counts.</summary>
    public static Func<PeerRequest, HttpListenerResponse, Task> OllamaText(params string[] pieces) => (request, response) =>
    {
        var model = request.Body["model"]!.GetValue<string>();
        var lines = pieces.Select(p => new JsonObject { ["model"] = model, ["created_at"] = "2026-12-07T15:00:00Z", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = p }, ["done"] = false }).ToList();
        lines.Add(new JsonObject { ["model"] = model, ["created_at"] = "2026-12-07T15:00:01Z", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "" }, ["done"] = true, ["done_reason"] = "stop", ["total_duration"] = 1000, ["prompt_eval_count"] = 321, ["eval_count"] = pieces.Length });
        return ModelPeer.Lines(response, lines);
    };

    public static Func<PeerRequest, HttpListenerResponse, Task> OllamaError(int status, string message) => (_, response) =>
        ModelPeer.Json(response, status, new JsonObject { ["error"] = message });

    /// <summary>Anthropic Messages streamed: message_start, a text block's deltas, message_delta with usage, message_stop.</summary>
    public static Func<PeerRequest, HttpListenerResponse, Task> AnthropicText(params string[] pieces) => (request, response) =>
    {
        var model = request.Body["model"]!.GetValue<string>();
        var events = new List<(string?, string)>
        {
            ("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + (model) + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":777,\"output_tokens\":1}}}"),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        };
        events.AddRange(pieces.Select(p => ((string?)"content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = p } }.ToJsonString())));
        events.Add(("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        events.Add(("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + (pieces.Length) + "}}"));
        events.Add(("message_stop", """{"type":"message_stop"}"""));
        return ModelPeer.Events(response, events);
    };

    public static Func<PeerRequest, HttpListenerResponse, Task> AnthropicError(int status, string type, string message) => (_, response) =>
        ModelPeer.Json(response, status, new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } });

    /// <summary>
    /// Starts an SSE answer and then stalls (a model still thinking), sending SSE comment lines as
    /// keep-alives until the client hangs up (a write then fails) or the stall ends.
    /// </summary>
    public static Func<PeerRequest, HttpListenerResponse, Task> OpenAiStall(TimeSpan stall) => async (request, response) =>
    {
        var model = request.Body["model"]!.GetValue<string>();
        await ModelPeer.Events(response, [(null, Chunk(model, """{"role":"assistant","content":"thinking"}""", null))]);
        var until = DateTime.UtcNow + stall;
        while (DateTime.UtcNow < until)
        {
            await response.OutputStream.WriteAsync(": keep-alive\n\n"u8.ToArray());
            await response.OutputStream.FlushAsync();
            await Task.Delay(100);
        }

        await ModelPeer.Events(response, [(null, "[DONE]")]);
    };
}
