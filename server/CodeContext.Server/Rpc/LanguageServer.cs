using CodeContext.Server.Rpc.Framing;
using CodeContext.Server.Rpc.Handlers;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc;

/// <summary>
/// Host wiring: one connection over a pair of streams (stdin/stdout for `codecontext serve`, an
/// in-memory pipe in tests), every handler registered, and the exit code LSP asks for.
/// </summary>
internal static class LanguageServer
{
    public static async Task<int> RunAsync(Stream input, Stream output, ServerSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
        var handler = new TolerantMessageHandler(output, input, formatter, settings.Limits, log);
        using var rpc = new LspJsonRpc(handler, log) { CancelLocallyInvokedMethodsWhenConnectionIsClosed = true };
        var context = new ServerServices(settings, log, new ClientConnection(rpc, handler));
        foreach (var method in HandlerCatalog.Create(context))
            rpc.AddLocalRpcMethod(method.Entry, method, new JsonRpcMethodAttribute(method.Method) { UseSingleObjectParameterDeserialization = true });
        rpc.Disconnected += (_, e) =>
        {
            if (e.Reason is not (DisconnectedReason.RemotePartyTerminated or DisconnectedReason.LocallyDisposed))
                log.WriteLine($"codecontext serve: connection ended ({e.Reason}): {e.Description}");
        };
        rpc.StartListening();

        await using var stop = cancellationToken.Register(context.Lifecycle.Exit);
        var ended = await Task.WhenAny(context.Lifecycle.Exited, rpc.Completion).ConfigureAwait(false);
        // Without an exit notification (stream closed) the code is what exit would have given.
        if (ended != context.Lifecycle.Exited) context.Lifecycle.Exit();
        var code = await context.Lifecycle.Exited.ConfigureAwait(false);
        context.Workspace.Stop();
        await log.WriteLineAsync($"codecontext serve: exiting with code {code}").ConfigureAwait(false);
        return code;
    }
}
