using CodeContext.Core;

namespace CodeContext.Server.Mcp;

/// <summary>How `codecontext mcp` was started: what to load, and the defaults a tool call may leave out.</summary>
internal sealed record McpOptions
{
    public required McpTarget Target { get; init; }

    public int Budget { get; init; } = McpCommand.DefaultBudget;

    /// <summary>Largest get_context result on the wire (see <see cref="ResultSize"/>); tests lower it.</summary>
    public long MaxResultBytes { get; init; } = ResultSize.MaxBytes;

    public string Profile { get; init; } = McpCommand.DefaultProfile;

    public CacheDirectory? Cache { get; init; }

    public bool NoMsBuild { get; init; }

    /// <summary>auto, focused or full, as for serve.</summary>
    public string Analysis { get; init; } = "auto";

    /// <summary>
    /// The root every path is confined to and the path the loader opens: a folder is both; a
    /// solution or project file is loaded, and its folder is the root.
    /// </summary>
    public static McpTarget ResolveTarget(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return new McpTarget(full, full);
        if (File.Exists(full)) return new McpTarget(Path.GetDirectoryName(full)!, full);
        throw new UserError($"'{path}' is neither a folder nor a file");
    }
}

/// <param name="Root">Folder every tool path is confined to.</param>
/// <param name="LoadPath">What the loader opens (the root, or a solution/project in it).</param>
internal sealed record McpTarget(string Root, string LoadPath);
