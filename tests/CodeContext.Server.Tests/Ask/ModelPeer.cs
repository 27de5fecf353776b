using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CodeContext.Server.Tests.Ask;

/// <summary>A request the peer received: path, headers and the JSON body.</summary>
internal sealed record PeerRequest(string Path, string? Authorization, string? ApiKey, JsonObject Body);

/// <summary>
/// An in-process HTTP server on loopback that speaks the model APIs as their servers do: OpenAI
/// chat completions (JSON, or SSE chunks ending in [DONE] when stream is true, usage in the last
/// chunk), Ollama's /api/chat (NDJSON lines, the last with done and the eval counts) and Anthropic
/// Messages (its named SSE events). Each request is answered by the next scripted reply and
/// recorded for the test to assert on.
/// </summary>
internal sealed class ModelPeer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<Func<PeerRequest, HttpListenerResponse, Task>> _replies = new();
    private readonly Task _loop;

    public ModelPeer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string OpenAiUrl => $"http://127.0.0.1:{Port}/v1";

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public List<PeerRequest> Requests { get; } = [];

    /// <summary>Cancelled when the client hangs up on a reply still being written.</summary>
    public TaskCompletionSource ClientGone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModelPeer Reply(Func<PeerRequest, HttpListenerResponse, Task> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
        var request = new PeerRequest(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], context.Request.Headers["x-api-key"], body);
        Func<PeerRequest, HttpListenerResponse, Task>? reply;
        lock (Requests)
        {
            Requests.Add(request);
            _replies.TryDequeue(out reply);
        }

        try
        {
            if (reply is null) await Json(context.Response, 500, new JsonObject { ["error"] = "the test scripted no reply for this request" });
            else await reply(request, context.Response);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            ClientGone.TrySetResult();
        }
    }

    public static async Task Json(HttpListenerResponse response, int status, JsonNode body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        await response.OutputStream.WriteAsync(bytes);
    }

    /// <summary>Server-sent events: one "data:" line per chunk (an "event:" line too when named), flushed one by one.</summary>
    public static async Task Events(HttpListenerResponse response, IEnumerable<(string? Event, string Data)> events, TimeSpan? gap = null)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        foreach (var (name, data) in events)
        {
            var text = (name is null ? "" : $"event: {name}\n") + $"data: {data}\n\n";
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(text));
            await response.OutputStream.FlushAsync();
            if (gap is { } g) await Task.Delay(g);
        }
    }

    /// <summary>Newline-delimited JSON (Ollama's streaming form).</summary>
    public static async Task Lines(HttpListenerResponse response, IEnumerable<JsonObject> lines)
    {
        response.StatusCode = 200;
        response.ContentType = "application/x-ndjson";
        response.SendChunked = true;
        foreach (var line in lines)
        {
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(line.ToJsonString() + "\n"));
            await response.OutputStream.FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
