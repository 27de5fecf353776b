using System.Text.RegularExpressions;

namespace CodeContext.Core.Caching;

/// <summary>What one entry of an area is: a single file, or a folder of files (a page set).</summary>
public enum CacheEntryShape
{
    File,
    Folder,
}

/// <summary>
/// One cache's registration in the cache directory: its folder, the shape of its entries, whether
/// they sit in two-letter sub-folders (areas of thousands of entries: one huge folder is slow to
/// list and to create files in), and whether trimming may remove them. Only entries recomputable
/// from content alone are trimmed; small per-codebase state, whose loss costs a whole cold run
/// (project models, graphs, token tables), registers with <see cref="Trimmed"/> false.
/// </summary>
/// <param name="Extension">The file name's ending of a file entry (".json"); empty for folder entries.</param>
public sealed partial record CacheArea(string Name, CacheEntryShape Entries, bool Sharded, bool Trimmed, string Extension = "")
{
    /// <summary>Throws when the name or extension could make a path that leaves the area's folder.</summary>
    public CacheArea Validated()
    {
        if (!SafeName().IsMatch(Name)) throw new ArgumentException($"cache area name '{Name}' must be lower-case letters, digits and '-'");
        if (Extension.Length > 0 && !SafeExtension().IsMatch(Extension)) throw new ArgumentException($"cache area '{Name}': extension '{Extension}' must be '.' and letters or digits");
        if (Entries == CacheEntryShape.Folder && Extension.Length > 0) throw new ArgumentException($"cache area '{Name}': folder entries have no extension");
        return this;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^\\.[a-z0-9]{1,8}$")]
    private static partial Regex SafeExtension();
}
