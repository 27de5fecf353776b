using System.Text.Json;
using CodeContext.Rendering.Profiles;
using CodeContext.Server.Rpc.Protocol;
using CodeContext.Server.Rpc.State;

namespace CodeContext.Server.Rpc.Handlers;

/// <summary>initialize: fixes the workspace root and options, answers the server's capabilities. Loading waits for initialized.</summary>
/// <param name="announced">The methods listed under experimental.codeContext.methods (<see cref="HandlerCatalog"/> derives them from the handlers).</param>
internal sealed class InitializeHandler(ServerServices services, IReadOnlyList<string> announced) : MethodHandler(services)
{
    public override string Method => LspMethods.Initialize;

    public override bool Mutates => true;

    public object Handle(InitializeParams? request = null)
    {
        var context = Services;
        if (context.Lifecycle.Phase != ServerPhase.Created) context.Lifecycle.BeginInitialize();
        if (request is null) throw RequestErrors.InvalidParams("initialize: params are required (rootUri or workspaceFolders)");

        var root = RootOf(request);
        if (!Directory.Exists(root)) throw RequestErrors.InvalidParams($"initialize: the workspace root '{root}' is not a folder");
        var options = ReadOptions(request.InitializationOptions);
        if (options.Profile is { } profile && !ProfileCatalog.Ids.Contains(profile))
            throw RequestErrors.InvalidParams($"initialize: initializationOptions.profile '{profile}' is not a profile (known: {string.Join(", ", ProfileCatalog.Ids)})");
        var paths = new WorkspacePaths(root);
        var loadPath = options.Path is null ? paths.RealRoot : paths.Confine(new Uri(Path.Combine(root, options.Path)).AbsoluteUri, "initializationOptions.path");

        context.Lifecycle.Initialize(new ClientSession(
            loadPath,
            options.NoMsBuild ?? context.Settings.NoMsBuild,
            options.Profile ?? ClientSession.DefaultProfile,
            ClientSupportsProgress: request.Capabilities?.Window?.WorkDoneProgress == true));
        context.Workspace.SetRoot(root);
        context.Log.WriteLine($"codecontext serve: initialize from {request.ClientInfo?.Name ?? "a client"}, root {root}");
        if (request.ProcessId is { } client)
        {
            var watched = ClientProcessWatch.Start(client, () =>
            {
                context.Log.WriteLine($"codecontext serve: the client process {client} ended; exiting");
                context.Lifecycle.Exit();
            }, context.Lifecycle.Ending);
            if (!watched) context.Log.WriteLine($"codecontext serve: the client's process {client} is not visible here; the server ends when its input does");
        }

        return new
        {
            capabilities = new
            {
                textDocumentSync = new { openClose = true, change = 2 },
                workspace = new { workspaceFolders = new { supported = false } },
                experimental = new { codeContext = new { methods = announced, profiles = ProfileCatalog.Ids } },
            },
            serverInfo = new { name = "codecontext", version = typeof(InitializeHandler).Assembly.GetName().Version?.ToString() },
        };
    }

    private static string RootOf(InitializeParams request)
    {
        if (!string.IsNullOrWhiteSpace(request.RootUri)) return WorkspacePaths.ToLocalPath(request.RootUri, "initialize: rootUri");
        if (request.WorkspaceFolders is [var first, ..]) return WorkspacePaths.ToLocalPath(first.Uri, "initialize: workspaceFolders[0].uri");
        if (!string.IsNullOrWhiteSpace(request.RootPath)) return WorkspacePaths.FromAbsolutePath(request.RootPath, "initialize: rootPath");

        throw RequestErrors.InvalidParams("initialize: no workspace root: give rootUri, workspaceFolders or rootPath");
    }

    private static ServerOptions ReadOptions(JsonElement? options)
    {
        if (options is not { ValueKind: JsonValueKind.Object } element) return new ServerOptions();
        try
        {
            return element.Deserialize<ServerOptions>(LspJson.Options) ?? new ServerOptions();
        }
        catch (JsonException e)
        {
            throw RequestErrors.InvalidParams($"initialize: initializationOptions are not {{path?: string, noMsBuild?: boolean, profile?: string}}: {e.Message}");
        }
    }
}
