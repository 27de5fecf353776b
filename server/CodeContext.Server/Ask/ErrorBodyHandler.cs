namespace CodeContext.Server.Ask;

/// <summary>
/// Keeps a refusal's body: OllamaSharp reports a failed status without the server's own message
/// (Ollama's {"error": "..."}), which is the part that says what to change. A non-success
/// response is turned here into an HttpRequestException carrying its status and body.
/// </summary>
internal sealed class ErrorBodyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxBody = 4096;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(body.Length > MaxBody ? body[..MaxBody] : body, null, response.StatusCode);
        }
    }
}
