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

/// <summary>What every handler shares: the lifecycle, the codebase state and the connection.</summary>
internal sealed class ServerContext(ServerSettings settings, TextWriter log)
{
    public ServerSettings Settings { get; } = settings;

    public TextWriter Log { get; } = log;

    public Lifecycle Lifecycle { get; } = new();

    public WorkspaceHost Workspace { get; } = new(settings.Cache, log);

    /// <summary>Set once the connection exists (handlers are created before it).</summary>
    public JsonRpc? Rpc { get; set; }

    public TolerantMessageHandler? Handler { get; set; }

    /// <summary>What initialize decided: the path to load and how.</summary>
    public string? LoadPath { get; set; }

    public bool NoMsBuild { get; set; }

    /// <summary>The profile the client expects to compose for (initializationOptions.profile).</summary>
    public string Profile { get; set; } = "deepseek-ocr-base";

    public bool ClientSupportsProgress { get; set; }

    /// <summary>Logs a notification that could not be applied: notifications have no reply to carry the error.</summary>
    public void Dropped(string method, Exception error) =>
        Log.WriteLine($"codecontext serve: ignored '{method}': {error.Message}");
}
