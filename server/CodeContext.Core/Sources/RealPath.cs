namespace CodeContext.Core.Sources;

/// <summary>
/// The physical path of a file: every symbolic link along it resolved, as realpath(3) does, so a
/// link inside the workspace that points outside is seen for what it is before any check.
/// Components that do not exist (yet) are kept as written; they cannot be links.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    public static string Resolve(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string fullPath, ref int links)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks) throw new IOException($"too many symbolic links while resolving '{fullPath}'");
                var targetPath = Path.GetFullPath(target, current);
                current = Resolve(targetPath, ref links);
            }
            else if (!info.Exists)
            {
                // Nothing below a missing component can be a link.
                return Path.Combine([current, .. parts[i..]]);
            }
            else
            {
                current = next;
            }
        }

        return current;
    }
}
