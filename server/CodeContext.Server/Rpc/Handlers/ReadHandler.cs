namespace CodeContext.Server.Rpc.Handlers;

/// <summary>
/// A request that reads the codebase: the frame checks the lifecycle and takes the read scope
/// (the snapshot that includes every change sent before the request) before the body runs, so
/// the snapshot's sequence number is always taken before the first await.
/// </summary>
internal abstract class ReadHandler<TParams, TResult>(ServerServices services) : MethodHandler(services)
    where TParams : class
{
    public sealed override bool Mutates => false;

    public async Task<TResult> HandleAsync(TParams? request = null, CancellationToken cancellationToken = default)
    {
        Validate(request);
        using var scope = await ReadScope.BeginAsync(Services, Method, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(scope, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks that need no snapshot and must answer at once, even while loading (synchronous, before the scope).</summary>
    protected virtual void Validate(TParams? request)
    {
    }

    /// <summary>The body: <paramref name="scope"/> is disposed by the frame (a body may dispose it earlier to let edits and binding go on).</summary>
    protected abstract Task<TResult> ReadAsync(ReadScope scope, TParams? request, CancellationToken cancellationToken);
}
