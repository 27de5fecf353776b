namespace CodeContext.Server.Rpc;

/// <summary>
/// Every method name the server answers or sends, written once: the handler catalogue registers
/// handlers under these, read scopes name them in errors, initialize announces them.
/// </summary>
internal static class LspMethods
{
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string DidOpen = "textDocument/didOpen";
    public const string DidChange = "textDocument/didChange";
    public const string DidClose = "textDocument/didClose";
    public const string DidChangeWatchedFiles = "workspace/didChangeWatchedFiles";

    /// <summary>The prefix of the server's own methods, the ones initialize lists under experimental.codeContext.methods.</summary>
    public const string CodeContextPrefix = "codeContext/";
    public const string Compose = CodeContextPrefix + "compose";
    public const string Ask = CodeContextPrefix + "ask";
    public const string Rank = CodeContextPrefix + "rank";
    public const string Explain = CodeContextPrefix + "explain";
    public const string ReadRegion = CodeContextPrefix + "readRegion";
    public const string Status = CodeContextPrefix + "status";
    public const string ContextMarkdown = CodeContextPrefix + "contextMarkdown";
    public const string ExportBundle = CodeContextPrefix + "exportBundle";

    /// <summary>Sent to the client.</summary>
    public const string Progress = "$/progress";
    public const string WorkDoneProgressCreate = "window/workDoneProgress/create";
}
