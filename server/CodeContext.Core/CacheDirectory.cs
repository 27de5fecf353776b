namespace CodeContext.Core;

/// <summary>
/// Where derived data (graphs, pages, embeddings) lives. Never inside the user's source tree.
/// Order: explicit path, CODECONTEXT_CACHE_DIR, XDG_CACHE_HOME/codecontext, ~/.cache/codecontext.
/// </summary>
public sealed class CacheDirectory
{
    public const string EnvironmentVariable = "CODECONTEXT_CACHE_DIR";

    public CacheDirectory(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public static CacheDirectory Resolve(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return new CacheDirectory(explicitPath);
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return new CacheDirectory(fromEnv);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg)) return new CacheDirectory(Path.Combine(xdg, "codecontext"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new CacheDirectory(Path.Combine(home, ".cache", "codecontext"));
    }

    /// <summary>A sub-folder for one kind of derived data, created on demand.</summary>
    public string Area(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public long SizeInBytes()
    {
        if (!Directory.Exists(Root)) return 0;
        return new DirectoryInfo(Root).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    }
}
