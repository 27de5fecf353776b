using CodeContext.Core;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace CodeContext.Server.Rpc;

/// <summary>
/// JsonRpc with LSP's error codes: bad input (<see cref="UserError"/>) is InvalidParams, anything
/// unexpected is InternalError naming the method, params of the wrong shape are InvalidParams (StreamJsonRpc's default is its own -32000).
/// </summary>
internal sealed class LspJsonRpc(IJsonRpcMessageHandler handler, TextWriter log) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        switch (exception)
        {
            case LocalRpcException:
                return base.CreateErrorDetails(request, exception);
            case UserError:
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)LspErrorCodes.InvalidParams, Message = $"{request.Method}: {exception.Message}" };
            case var _ when RaisedWhileBindingParams(exception):
                // The client sent params of the wrong shape (or with invalid text) for the handler's types.
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)LspErrorCodes.InvalidParams, Message = $"{request.Method}: params do not have the expected shape: {exception.Message}" };
            case OperationCanceledException:
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)LspErrorCodes.RequestCancelled, Message = $"{request.Method} was cancelled" };
            default:
                log.WriteLine($"codecontext serve: internal error in '{request.Method}': {exception}");
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)LspErrorCodes.InternalError, Message = $"internal error in {request.Method}: {exception.GetType().Name}: {exception.Message}" };
        }
    }

    /// <summary>StreamJsonRpc binds params inside its TargetMethod; an exception from there is the client's input, not a server fault.</summary>
    private static bool RaisedWhileBindingParams(Exception exception) =>
        exception is System.Text.Json.JsonException or InvalidOperationException or FormatException or OverflowException
        && new System.Diagnostics.StackTrace(exception).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.FullName?.StartsWith("StreamJsonRpc.TargetMethod", StringComparison.Ordinal) == true);
}
