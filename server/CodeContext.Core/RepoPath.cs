namespace CodeContext.Core;

/// <summary>Paths as the product shows them: relative to the loaded root, forward slashes.</summary>
public static class RepoPath
{
    public static string Relative(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        return relative.Replace('\\', '/');
    }

    public static string Normalize(string path) => Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>True when <paramref name="fullPath"/> is <paramref name="root"/> or lies below it.</summary>
    public static bool IsUnder(string root, string fullPath)
    {
        var r = Normalize(root) + Path.DirectorySeparatorChar;
        var p = Normalize(fullPath) + Path.DirectorySeparatorChar;
        return p.StartsWith(r, StringComparison.Ordinal);
    }
}
