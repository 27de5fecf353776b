using System.Text.Json;
using CodeContext.Core;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Server.Ask;

/// <summary>Where a prompt goes and how: the provider's API, its address, the model id and the key.</summary>
/// <param name="Provider">openai (any chat-completions server), ollama or anthropic.</param>
/// <param name="Source">Where the endpoint came from (flag, environment, a config file), for errors.</param>
internal sealed record EndpointSettings(string Provider, Uri Url, string Model, string? ApiKey, TimeSpan Timeout, string Source);

/// <summary>What the command line (or a JSON-RPC request) says about the endpoint; null: not said.</summary>
internal sealed record EndpointFlags(string? Endpoint = null, string? Provider = null, string? Model = null, string? ApiKeyEnv = null, double? TimeoutSeconds = null);

/// <summary>
/// Resolves the endpoint: flags win, then the environment (CODECONTEXT_ENDPOINT, _PROVIDER, _MODEL,
/// _API_KEY), then codecontext.ask.json in the codebase's folder, then ask.json in the user's
/// config folder; the model defaults to the profile's. A codebase is not trusted with keys: its
/// file cannot name the key's variable, and no key is sent to an endpoint that only the codebase's
/// file chose unless --api-key-env names one (a cloned repository must not be able to collect it).
/// </summary>
internal static class EndpointResolver
{
    public const string CodebaseFile = "codecontext.ask.json";
    public static readonly string[] Providers = ["openai", "ollama", "anthropic"];

    public static EndpointSettings Resolve(EndpointFlags flags, ModelProfile profile, string? codebasePath, Func<string, string?> environment)
    {
        var codebase = codebasePath is null ? null : ReadFile(Path.Combine(CodebaseFolder(codebasePath), CodebaseFile), trusted: false);
        var user = ReadFile(UserFile(environment), trusted: true);
        var env = new EndpointFlags(environment("CODECONTEXT_ENDPOINT"), environment("CODECONTEXT_PROVIDER"), environment("CODECONTEXT_MODEL"), null, null);
        (string Value, string From)? endpoint =
            flags.Endpoint is { } f ? (f, "--endpoint")
            : env.Endpoint is { Length: > 0 } e ? (e, "CODECONTEXT_ENDPOINT")
            : codebase?.Endpoint is { } c ? (c, CodebaseFile)
            : user?.Endpoint is { } u ? (u, "the user's ask.json") : null;
        if (endpoint is null)
            throw new UserError("no model endpoint: pass --endpoint URL (e.g. http://localhost:8000/v1 for vLLM) or set CODECONTEXT_ENDPOINT");
        if (!Uri.TryCreate(endpoint.Value.Value, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https"))
            throw new UserError($"{endpoint.Value.From}: '{endpoint.Value.Value}' is not an http(s) URL");

        var provider = flags.Provider ?? env.Provider ?? codebase?.Provider ?? user?.Provider ?? (profile.Request.Api == "anthropic-messages" ? "anthropic" : "openai");
        if (!Providers.Contains(provider))
            throw new UserError($"unknown provider '{provider}' (known: {string.Join(", ", Providers)})");
        var model = flags.Model ?? env.Model ?? codebase?.Model ?? user?.Model ?? profile.Request.Model;

        // The key: --api-key-env NAME, else the user's file's variable, else CODECONTEXT_API_KEY;
        // never for an endpoint the codebase alone chose, unless the flag asks for it.
        var keyVariable = flags.ApiKeyEnv ?? user?.ApiKeyEnv ?? "CODECONTEXT_API_KEY";
        var key = endpoint.Value.From == CodebaseFile && flags.ApiKeyEnv is null ? null : environment(keyVariable) is { Length: > 0 } k ? k : null;
        if (key is null && NeedsKey(provider, url))
            throw new UserError($"missing API key for {url.Host}: set {keyVariable} (or name another variable with --api-key-env)");
        var timeout = TimeSpan.FromSeconds(flags.TimeoutSeconds ?? user?.TimeoutSeconds ?? 300);
        return new EndpointSettings(provider, url, model, key, timeout, endpoint.Value.From);
    }

    private static bool NeedsKey(string provider, Uri url) =>
        provider == "anthropic" || url.Host.EndsWith("openai.com", StringComparison.OrdinalIgnoreCase);

    private static string CodebaseFolder(string codebasePath)
    {
        var full = Path.GetFullPath(codebasePath);
        return Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
    }

    private static string UserFile(Func<string, string?> environment)
    {
        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "codecontext", "ask.json");
    }

    private sealed record FileSettings(string? Endpoint, string? Provider, string? Model, string? ApiKeyEnv, double? TimeoutSeconds);

    private static FileSettings? ReadFile(string path, bool trusted)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var settings = JsonSerializer.Deserialize<FileSettings>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip });
            if (!trusted && settings?.ApiKeyEnv is not null)
                throw new UserError($"{path}: apiKeyEnv may only be set in the user's ask.json or with --api-key-env, never by a codebase");
            return settings;
        }
        catch (JsonException error)
        {
            throw new UserError($"{path}: not a valid endpoint file: {error.Message}");
        }
    }
}
