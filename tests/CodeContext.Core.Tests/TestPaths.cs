namespace CodeContext.Core.Tests;

/// <summary>Locations of the repository's test inputs, found from the test assembly upwards.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CodeContext.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CodeContext.sln not found above the test output");
    }
}
