namespace CodeContext.Server.Rpc.Framing;

/// <summary>Bounds on what one incoming message may cost the server before it is rejected.</summary>
internal sealed record FramingLimits
{
    /// <summary>Largest accepted body. Bigger bodies are skipped without being buffered and answered with an error.</summary>
    public int MaxBodyBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Largest header block; LSP headers are a line or two.</summary>
    public int MaxHeaderBytes { get; init; } = 8 * 1024;

    /// <summary>How much of an oversized body is read to find its request id.</summary>
    public int IdSearchBytes { get; init; } = 64 * 1024;
}
