namespace CodeContext.Server.Tests.Harness;

/// <summary>A private copy of the sample solution per test class, so disk changes never touch the repository.</summary>
public sealed class TempWorkspace : IDisposable
{
    private static readonly HashSet<string> Skip = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git" };

    public TempWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "codecontext-serve-" + Guid.NewGuid().ToString("N")[..12]);
        Copy(RepoLayout.Sample, Root);
        Outside = Root + "-outside";
        Directory.CreateDirectory(Outside);
        CacheDirectory = Root + "-cache";
    }

    public string Root { get; }

    /// <summary>A sibling folder outside the workspace (for escape attempts).</summary>
    public string Outside { get; }

    public string CacheDirectory { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public string UriOf(string relative) => new Uri(PathOf(relative)).AbsoluteUri;

    public void Dispose()
    {
        foreach (var dir in new[] { Root, Outside, CacheDirectory })
        {
            try
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            if (!Skip.Contains(Path.GetFileName(dir))) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
