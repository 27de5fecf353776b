using CodeContext.TestUtilities;

namespace CodeContext.Server.Tests.Harness;

/// <summary>Where the repository and the server's build output are, found from the test assembly.</summary>
internal static class RepoLayout
{
    public static string Root => RepositoryPaths.Root;

    /// <summary>The server's own build output for the configuration the tests were built with.</summary>
    public static string ServerDll
    {
        get
        {
            var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(testBin);
            var configuration = Path.GetFileName(Path.GetDirectoryName(testBin)!);
            var dll = Path.Combine(Root, "server", "CodeContext.Server", "bin", configuration, framework, "codecontext.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException($"the server is not built at {dll}; build server/CodeContext.Server first", dll);
            return dll;
        }
    }

    public static string Sample => RepositoryPaths.Shop;
}
