using StreamJsonRpc;

namespace CodeContext.Server.Rpc;

/// <summary>
/// The errors a request is answered with, each with its LSP code (<see cref="LspErrorCodes"/>):
/// the one place that pairs a kind of refusal with its code. Messages are the callers'.
/// </summary>
internal static class RequestErrors
{
    /// <summary>A parameter is missing, malformed or out of range (-32602).</summary>
    public static LocalRpcException InvalidParams(string message) => Create(message, LspErrorCodes.InvalidParams);

    /// <summary>A URI or path that resolves outside the workspace root (-32602, as every confinement refusal).</summary>
    public static LocalRpcException OutsideRoot(string field, string uri, string root, bool throughLink) =>
        InvalidParams($"{field} '{uri}' is outside the workspace root{(throughLink ? " (a symbolic link leads out of it)" : "")}; only files under {root} are served");

    /// <summary>A request the lifecycle refuses now (-32600): a second initialize, anything after shutdown.</summary>
    public static LocalRpcException InvalidRequest(string message) => Create(message, LspErrorCodes.InvalidRequest);

    /// <summary>Before initialize, or before the workspace started loading (-32002).</summary>
    public static LocalRpcException NotInitialized(string message) => Create(message, LspErrorCodes.ServerNotInitialized);

    /// <summary>The client named a document version the server does not hold (-32801).</summary>
    public static LocalRpcException ContentModified(string message) => Create(message, LspErrorCodes.ContentModified);

    /// <summary>The server cannot answer at all (-32603), e.g. the workspace failed to load.</summary>
    public static LocalRpcException Internal(string message) => Create(message, LspErrorCodes.InternalError);

    private static LocalRpcException Create(string message, int code) => new(message) { ErrorCode = code };
}
