using CodeContext.Core.Sources;

namespace CodeContext.Core.Output;

/// <summary>The folder a codebase path stands for, where nothing is ever written.</summary>
public static class CodebaseFolder
{
    /// <summary>
    /// The codebase's root (physical path) when <paramref name="path"/> lies in it or is it; null
    /// otherwise, or when the codebase does not exist (loading reports that).
    /// </summary>
    public static string? RootContaining(string codebasePath, string path)
    {
        var root = Root(codebasePath);
        return root is not null && RepoPath.IsUnder(root, RealPath.Resolve(path)) ? root : null;
    }

    /// <summary>The folder results are relative to, as loading takes it: a folder itself, or the folder of a .sln/.slnx/.csproj.</summary>
    private static string? Root(string codebasePath)
    {
        var full = Path.GetFullPath(codebasePath);
        if (File.Exists(full)) return RealPath.Resolve(Path.GetDirectoryName(full)!);
        return Directory.Exists(full) ? RealPath.Resolve(full) : null;
    }
}
