using CodeContext.Packing;

namespace CodeContext.Server.Mcp;

/// <summary>
/// How large a get_context result is on the wire, and how large it may be. MCP messages are single
/// JSON lines; the official TypeScript SDK (Claude Code, VS Code and most agents build on it) drops
/// the connection when one exceeds 10 MiB, so a result stays under 8 MiB with room for the JSON.
/// </summary>
internal static class ResultSize
{
    public const long MaxBytes = 8L * 1024 * 1024;

    /// <summary>Recompositions at a smaller budget before the result is sent as it is.</summary>
    public const int Attempts = 3;

    /// <summary>Base64 pages, the text blocks, and the manifest again as structured content (its segments repeat the text).</summary>
    public static long Of(ContextPackage package)
    {
        var images = package.PageList.Sum(p => (p.Value.LongLength + 2) / 3 * 4);
        var text = package.Manifest.Segments.Sum(s => (long)(s.Text?.Length ?? 0));
        return images + 2 * text + 64 * 1024;
    }
}
