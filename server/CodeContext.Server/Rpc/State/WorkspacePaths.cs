using CodeContext.Core;
using CodeContext.Core.Sources;
using StreamJsonRpc;

namespace CodeContext.Server.Rpc.State;

/// <summary>
/// Turns the URIs a client sends into paths inside the workspace root, and refuses everything
/// else: other schemes, paths outside the root, and links that lead out of it (resolved first).
/// </summary>
internal sealed class WorkspacePaths
{
    public WorkspacePaths(string root)
    {
        Root = RepoPath.Normalize(root);
        RealRoot = RealPath.Resolve(Root);
    }

    /// <summary>The root as the client named it.</summary>
    public string Root { get; }

    /// <summary>The root with links resolved: what every path is checked against.</summary>
    public string RealRoot { get; }

    /// <summary>The physical full path of a URI (or absolute path) under the root; throws InvalidParams otherwise.</summary>
    public string Confine(string? uri, string field)
    {
        var path = ToLocalPath(uri, field);
        string real;
        try
        {
            real = RealPath.Resolve(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw RequestErrors.InvalidParams($"{field} '{uri}' cannot be resolved: {e.Message}");
        }

        if (!RepoPath.IsUnder(RealRoot, real)) throw RequestErrors.OutsideRoot(field, uri!, Root, throughLink: RepoPath.IsUnder(Root, path));

        return real;
    }

    /// <summary>A file URI for a path relative to a folder (the loaded workspace's root).</summary>
    public static string ToUri(string directory, string relativePath) =>
        new Uri(Path.Combine(directory, relativePath.Replace('/', Path.DirectorySeparatorChar))).AbsoluteUri;

    public static string ToLocalPath(string? uri, string field)
    {
        if (string.IsNullOrWhiteSpace(uri)) throw RequestErrors.InvalidParams($"{field} is required (a file URI)");
        if (uri.Contains('\0', StringComparison.Ordinal)) throw RequestErrors.InvalidParams($"{field} contains a NUL character");
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            if (!parsed.IsFile) throw RequestErrors.InvalidParams($"{field} '{uri}' is not a file URI (scheme '{parsed.Scheme}')");
            if (!string.IsNullOrEmpty(parsed.Host) && parsed.Host != "localhost") throw RequestErrors.InvalidParams($"{field} '{uri}' names a remote host");
            // Percent-decoding happens here: "%00" passes the raw check above and becomes a NUL
            // that no file system accepts (Path APIs would throw an internal error further on).
            var local = parsed.LocalPath;
            if (local.Contains('\0', StringComparison.Ordinal)) throw RequestErrors.InvalidParams($"{field} '{uri}' decodes to a path with a NUL character");
            return Path.GetFullPath(local);
        }

        throw RequestErrors.InvalidParams($"{field} '{uri}' is not an absolute file URI");
    }

    /// <summary>A plain absolute path from the client (LSP's deprecated rootPath), held to the same rules as a decoded URI.</summary>
    public static string FromAbsolutePath(string path, string field)
    {
        if (path.Contains('\0', StringComparison.Ordinal)) throw RequestErrors.InvalidParams($"{field} contains a NUL character");
        if (!Path.IsPathRooted(path)) throw RequestErrors.InvalidParams($"{field} '{path}' is not absolute");
        return Path.GetFullPath(path);
    }
}
