using CodeContext.Core;
using CodeContext.Server.Rpc.Framing;
using CodeContext.Server.Rpc.State;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc;

/// <summary>How `codecontext serve` was started.</summary>
internal sealed record ServerSettings
{
    public CacheDirectory? Cache { get; init; }

    /// <summary>Load syntax-first unless the client asks otherwise.</summary>
    public bool NoMsBuild { get; init; }

    /// <summary>auto, focused or full (see `serve --help`).</summary>
    public string Analysis { get; init; } = "auto";

    public FramingLimits Limits { get; init; } = new();
}

/// <summary>What initialize decided, fixed for the rest of the session (held by <see cref="Lifecycle.Session"/>).</summary>
/// <param name="LoadPath">The solution, project or folder to load (inside the root).</param>
/// <param name="Profile">The profile the client expects to compose for (initializationOptions.profile).</param>
internal sealed record ClientSession(string LoadPath, bool NoMsBuild, string Profile, bool ClientSupportsProgress)
{
    public const string DefaultProfile = "deepseek-ocr-base";
}

/// <summary>The JSON-RPC connection to the client and its message handler (absent under `codecontext mcp`).</summary>
internal sealed record ClientConnection(JsonRpc Rpc, TolerantMessageHandler Handler);

/// <summary>
/// What every handler shares for the life of the process: how the server was started, the log,
/// the lifecycle (and the session initialize decided), the codebase state and the connection.
/// Nothing here is settable: what changes lives in <see cref="Lifecycle"/> and <see cref="WorkspaceHost"/>.
/// </summary>
internal sealed class ServerServices(ServerSettings settings, TextWriter log, ClientConnection? connection = null)
{
    public ServerSettings Settings { get; } = settings;

    public TextWriter Log { get; } = log;

    public Lifecycle Lifecycle { get; } = new();

    public WorkspaceHost Workspace { get; } = new(settings.Cache, log);

    public ClientConnection? Connection { get; } = connection;

    /// <summary>The profile composes default to: the session's, or the default before initialize.</summary>
    public string Profile => Lifecycle.Session?.Profile ?? ClientSession.DefaultProfile;
}
