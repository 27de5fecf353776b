using MAB.DotIgnore;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// The .gitignore and .codecontextignore files of a tree. Each file's rules apply to paths below
/// its own folder, as git does; a file is ignored when it or any folder above it matches.
/// </summary>
internal sealed class IgnoreRules
{
    public const string CodeContextIgnoreFileName = ".codecontextignore";

    private readonly List<(string Directory, string Source, IgnoreList Rules, IgnoreList SourceFileRules)> _lists = [];

    // Whether each list ignores a folder (by the folder's path relative to the list's own), asked
    // once per folder: every file asks about each folder above it, and matching a folder against
    // a large .gitignore's rules was most of the filter's time on a large tree.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int List, string Folder), bool> _folders = new();

    public static IgnoreRules Load(string root)
    {
        var rules = new IgnoreRules();
        foreach (var file in LoadTarget.EnumerateSourceTree(root, [".gitignore", CodeContextIgnoreFileName]))
        {
            var name = Path.GetFileName(file);
            if (name != ".gitignore" && name != CodeContextIgnoreFileName) continue;
            var lines = File.ReadAllLines(file);
            rules._lists.Add((Path.GetDirectoryName(file)!, name, new IgnoreList(lines), new IgnoreList(lines.Where(MayMatchSourceFile))));
        }
        return rules;
    }

    /// <summary>The reason the file is ignored, or null.</summary>
    public string? Match(string fullPath)
    {
        for (var index = 0; index < _lists.Count; index++)
        {
            var (directory, source, list, sourceFileRules) = _lists[index];
            if (!fullPath.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            var relative = Path.GetRelativePath(directory, fullPath).Replace('\\', '/');
            var fileRules = fullPath.EndsWith(SourceExtension, StringComparison.OrdinalIgnoreCase) ? sourceFileRules : list;
            if (fileRules.IsIgnored(relative, pathIsDirectory: false)) return $"ignored by {source}";

            var parts = relative.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                if (_folders.GetOrAdd((index, string.Join('/', parts[..i])), key => _lists[key.List].Rules.IsIgnored(key.Folder, pathIsDirectory: true))) return $"ignored by {source}";
            }
        }
        return null;
    }

    private const string SourceExtension = ".cs";

    /// <summary>
    /// Whether a .gitignore line could match a file whose name ends in ".cs": only those rules are
    /// asked about each source file (folders still meet every rule). A rule matches the whole name
    /// or path, so one that ends in a literal character other than 's' (case aside), or in '/' (folders
    /// only), never matches such a file; blank lines and comments are no rules. A large .gitignore
    /// (EF Core's 350 rules: "*.dll", "[Bb]in/", "*.user") asked about every file was half of a
    /// warm pack's load stage in a thread-time profile (2.9 of 5.8 s).
    /// </summary>
    internal static bool MayMatchSourceFile(string line)
    {
        // git drops unescaped trailing spaces; an escaped one leaves its backslash last, which is kept.
        var rule = line.TrimEnd(' ', '\t', '\r');
        if (rule.Length == 0 || rule[0] == '#' || rule[^1] == '/') return false;
        return char.ToLowerInvariant(rule[^1]) is 's' or '*' or '?' or ']' or '\\';
    }
}
