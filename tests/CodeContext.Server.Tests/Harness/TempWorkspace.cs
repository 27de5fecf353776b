using CodeContext.TestUtilities;

namespace CodeContext.Server.Tests.Harness;

/// <summary>A private copy of the sample solution per test class, so disk changes never touch the repository.</summary>
public sealed class TempWorkspace : IDisposable
{
    private readonly TempTree _copy = TempTree.CopyOf(RepositoryPaths.Shop);

    public TempWorkspace()
    {
        Outside = Root + "-outside";
        Directory.CreateDirectory(Outside);
        CacheDirectory = Root + "-cache";
    }

    public string Root => _copy.Root;

    /// <summary>A sibling folder outside the workspace (for escape attempts).</summary>
    public string Outside { get; }

    public string CacheDirectory { get; }

    public string PathOf(string relative) => _copy.PathOf(relative);

    public string UriOf(string relative) => new Uri(PathOf(relative)).AbsoluteUri;

    public void Dispose()
    {
        _copy.Dispose();
        foreach (var dir in new[] { Outside, CacheDirectory })
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
}
