using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace CodeContext.Server.Ask;

/// <summary>
/// One IChatClient per provider, each the provider's own library behind Microsoft.Extensions.AI:
/// OpenAI's client for chat-completions servers (vLLM, SGLang, OpenAI), OllamaSharp for Ollama's
/// /api/chat, Anthropic's SDK for the Messages API. No retries: a failed call is reported once, with
/// what to change, rather than repeated against a server that refused it.
/// </summary>
internal static class ChatClientFactory
{
    public static IChatClient Create(EndpointSettings endpoint, int maxOutputTokens, bool tools)
    {
        var inner = endpoint.Provider switch
        {
            "ollama" => new OllamaApiClient(Http(endpoint, keepErrorBodies: true), endpoint.Model),
            "anthropic" => new AnthropicClient { ApiKey = endpoint.ApiKey!, BaseUrl = endpoint.Url.ToString().TrimEnd('/'), HttpClient = Http(endpoint), MaxRetries = 0, Timeout = endpoint.Timeout }
                .AsIChatClient(endpoint.Model, maxOutputTokens),
            _ => OpenAi(endpoint),
        };
        return tools ? new ChatClientBuilder(inner).UseFunctionInvocation().Build() : inner;
    }

    private static IChatClient OpenAi(EndpointSettings endpoint)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint.Url,
            NetworkTimeout = endpoint.Timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(Http(endpoint)),
        };
        // Local servers (vLLM, SGLang) take any key; the client library insists on one.
        return new OpenAIClient(new ApiKeyCredential(endpoint.ApiKey ?? "none"), options).GetChatClient(endpoint.Model).AsIChatClient();
    }

    private static HttpClient Http(EndpointSettings endpoint, bool keepErrorBodies = false)
    {
        var sockets = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        return new HttpClient(keepErrorBodies ? new ErrorBodyHandler(sockets) : sockets)
        {
            BaseAddress = endpoint.Provider == "ollama" ? endpoint.Url : null,
            Timeout = endpoint.Timeout,
        };
    }
}
