using System.Reflection;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// One protocol method: its name, whether it changes the server's state, and the public
/// Handle/HandleAsync method StreamJsonRpc invokes (registered under <see cref="Method"/> by
/// <see cref="HandlerCatalog"/>). Reads derive from <see cref="ReadHandler{TParams, TResult}"/>,
/// notifications from <see cref="NotificationHandler{TParams}"/>: the frame does what each would
/// otherwise have to remember.
/// </summary>
internal abstract class MethodHandler(ServerServices services)
{
    protected ServerServices Services { get; } = services;

    public abstract string Method { get; }

    /// <summary>
    /// True for a handler that changes the lifecycle or the codebase state. Such a handler is
    /// synchronous: StreamJsonRpc dispatches the next message only after it returns, which is what
    /// keeps changes in arrival order and every later read after them.
    /// </summary>
    public abstract bool Mutates { get; }

    /// <summary>Whether initialize lists the method under experimental.codeContext.methods.</summary>
    public virtual bool Announced => Method.StartsWith(LspMethods.CodeContextPrefix, StringComparison.Ordinal);

    /// <summary>The method StreamJsonRpc calls: the one public Handle or HandleAsync of the handler.</summary>
    public MethodInfo Entry => GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).Single(m => m.Name is "Handle" or "HandleAsync");
}
