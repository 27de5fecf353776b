using MAB.DotIgnore;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// The .gitignore and .codecontextignore files of a tree. Each file's rules apply to paths below
/// its own folder, as git does; a file is ignored when it or any folder above it matches.
/// </summary>
internal sealed class IgnoreRules
{
    public const string CodeContextIgnoreFileName = ".codecontextignore";

    private readonly List<(string Directory, string Source, IgnoreList Rules)> _lists = [];

    public static IgnoreRules Load(string root)
    {
        var rules = new IgnoreRules();
        foreach (var file in LoadTarget.EnumerateSourceTree(root, [".gitignore", CodeContextIgnoreFileName]))
        {
            var name = Path.GetFileName(file);
            if (name != ".gitignore" && name != CodeContextIgnoreFileName) continue;
            var lines = File.ReadAllLines(file);
            rules._lists.Add((Path.GetDirectoryName(file)!, name, new IgnoreList(lines)));
        }
        return rules;
    }

    /// <summary>The reason the file is ignored, or null.</summary>
    public string? Match(string fullPath)
    {
        foreach (var (directory, source, list) in _lists)
        {
            if (!fullPath.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            var relative = Path.GetRelativePath(directory, fullPath).Replace('\\', '/');
            if (list.IsIgnored(relative, pathIsDirectory: false)) return $"ignored by {source}";

            var parts = relative.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                if (list.IsIgnored(string.Join('/', parts[..i]), pathIsDirectory: true)) return $"ignored by {source}";
            }
        }
        return null;
    }
}
