using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeContext.Server.Tests.Harness;

/// <summary>
/// A deliberately low-level LSP client for tests: it frames messages itself (so tests can send
/// broken bytes too), keeps every message the server sent, and answers the server's own requests
/// (window/workDoneProgress/create) as an editor would.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private readonly Stream _toServer;
    private readonly Stream _fromServer;
    private readonly List<JsonElement> _received = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reader;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId = 1000;

    public LspClient(Stream toServer, Stream fromServer)
    {
        _toServer = toServer;
        // Headers are read a byte at a time; the buffer keeps that cheap.
        _fromServer = new BufferedStream(fromServer, 64 * 1024);
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>How long any wait for a message lasts before it fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>True once the server closed its output.</summary>
    public bool Closed { get; private set; }

    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_gate) return [.. _received];
        }
    }

    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>Drops every message received so far (long fuzz runs would otherwise keep millions).</summary>
    public void Forget()
    {
        lock (_gate) _received.Clear();
    }

    public async Task<JsonElement> RequestAsync(string method, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var id = NextId();
        await SendAsync(Message(id, method, parameters), cancellationToken);
        return await ResponseAsync(id, cancellationToken);
    }

    /// <summary>The result of a request that must succeed.</summary>
    public async Task<JsonElement> ResultAsync(string method, object? parameters = null)
    {
        var response = await RequestAsync(method, parameters);
        Assert.False(response.TryGetProperty("error", out var error), $"{method} failed: {error}");
        return response.GetProperty("result");
    }

    public Task NotifyAsync(string method, object? parameters = null) => SendAsync(Message(null, method, parameters));

    public Task SendAsync(JsonObject message, CancellationToken cancellationToken = default) =>
        SendRawAsync(Frame(Encoding.UTF8.GetBytes(message.ToJsonString())), cancellationToken);

    public async Task SendRawAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _toServer.WriteAsync(bytes, cancellationToken);
            await _toServer.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<JsonElement> ResponseAsync(long id, CancellationToken cancellationToken = default) =>
        WaitForAsync(m => !m.TryGetProperty("method", out _) && m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt64() == id, $"the response to request {id}", cancellationToken);

    public Task<JsonElement> ResponseAsync(string id, CancellationToken cancellationToken = default) =>
        WaitForAsync(m => !m.TryGetProperty("method", out _) && m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() == id, $"the response to request '{id}'", cancellationToken);

    /// <summary>The first message (already received or yet to come) after <paramref name="skip"/> messages that matches.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what, CancellationToken cancellationToken = default, int skip = 0)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                arrived = _arrived.Task;
                foreach (var message in _received.Skip(skip))
                {
                    if (match(message)) return message;
                }
            }

            if (Closed) throw new InvalidOperationException($"the server closed the connection before {what}");
            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no {what} within {Timeout.TotalSeconds} s");
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate) return _received.Count;
        }
    }

    public static JsonObject Message(long? id, string method, object? parameters) =>
        Message(id is { } value ? JsonValue.Create(value) : null, method, parameters);

    public static JsonObject Message(JsonNode? id, string method, object? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0" };
        if (id is not null) message["id"] = id;
        message["method"] = method;
        if (parameters is not null) message["params"] = JsonSerializer.SerializeToNode(parameters, JsonOptions);
        return message;
    }

    public static byte[] Frame(byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];

    public static JsonSerializerOptions JsonOptions { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async ValueTask DisposeAsync()
    {
        try
        {
            _toServer.Close();
        }
        catch (IOException)
        {
        }

        await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var length = await ReadHeaderAsync();
                if (length is null) break;
                var body = new byte[length.Value];
                await _fromServer.ReadExactlyAsync(body);
                var message = JsonDocument.Parse(body).RootElement.Clone();
                if (message.TryGetProperty("method", out var method) && message.TryGetProperty("id", out var id) && method.GetString() == "window/workDoneProgress/create")
                {
                    await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = null });
                }

                lock (_gate)
                {
                    _received.Add(message);
                    Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
        {
        }
        finally
        {
            Closed = true;
            lock (_gate) _arrived.TrySetResult();
        }
    }

    private async Task<int?> ReadHeaderAsync()
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _fromServer.ReadAsync(one) == 0) return null;
            header.Append((char)one[0]);
        }

        var line = header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
