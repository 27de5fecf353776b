namespace CodeContext.Core.Output;

/// <summary>
/// Whether files can be created in a folder, found by trying (permission bits do not tell: ACLs,
/// read-only mounts, immutable folders and running as root all change the answer).
/// </summary>
public static class WritableFolder
{
    /// <summary>
    /// Null when a file can be created in <paramref name="folder"/>, or, when it does not exist
    /// yet, in the nearest folder above it that does (the rest would be created); otherwise why not.
    /// Creates nothing that stays.
    /// </summary>
    public static string? Problem(string folder)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) return $"'{existing}' is a file, not a folder";
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) return $"no folder above '{folder}' exists";
            existing = parent;
        }

        var probe = Path.Combine(existing, $".codecontext-probe-{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"cannot create a file in '{existing}': {e.Message}";
        }
    }
}
