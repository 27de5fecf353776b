namespace CodeContext.TestUtilities;

/// <summary>Where the repository and its sample are, found from the test assembly upwards.</summary>
public static class RepositoryPaths
{
    /// <summary>CODECONTEXT_REPO_ROOT when set (a test build copied elsewhere, e.g. for the long fuzz run), else the folder above the tests holding CodeContext.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>samples/Shop, the bundled sample solution.</summary>
    public static string Shop => Path.Combine(Root, "samples", "Shop");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("CODECONTEXT_REPO_ROOT") is { Length: > 0 } explicitRoot) return explicitRoot;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CodeContext.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("CodeContext.sln not found above the test assembly");
    }
}
