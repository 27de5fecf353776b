namespace CodeContext.Core.Secrets;

/// <summary>A file left out because it looks like it holds secrets.</summary>
public sealed record SecretFile(string RelativePath, string Reason);

/// <summary>
/// Finds files under the loaded folder that look like secrets (.env, keys, certificates, user
/// secrets, configuration with connection strings or keys) so the bundle can list them as excluded.
/// Their content is never read beyond the check and never copied anywhere.
/// </summary>
public static class SecretFileFinder
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", "bin", "obj", "node_modules", ".vs", ".idea" };

    public static IReadOnlyList<SecretFile> Find(string rootDirectory, CancellationToken cancellationToken = default)
    {
        var rules = SecretRules.Default;
        var found = new List<SecretFile>();
        var pending = new Stack<string>();
        pending.Push(rootDirectory);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(directory).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                if (Directory.Exists(entry))
                {
                    if (!SkippedFolders.Contains(name) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
                    {
                        pending.Push(entry);
                    }

                    continue;
                }

                var reason = ReasonFor(entry, name, rules);
                if (reason is not null)
                {
                    found.Add(new SecretFile(Path.GetRelativePath(rootDirectory, entry).Replace('\\', '/'), reason));
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return found;
    }

    private static string? ReasonFor(string fullPath, string name, SecretRules rules)
    {
        if (SecretRules.FileNameReason(name) is { } byName)
        {
            return byName;
        }

        if (rules.ContentChecked.FirstOrDefault(r => r.Matches(name)) is not { } byContent)
        {
            return null;
        }

        string text;
        try
        {
            if (new FileInfo(fullPath).Length > 4 * 1024 * 1024)
            {
                return byContent.Reason + " (too large to check)";
            }

            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable configuration (" + e.Message + ")";
        }

        var marker = rules.ConfigMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
        return marker || SecretMasker.Mask(text).Findings.Count > 0 ? byContent.Reason : null;
    }
}
