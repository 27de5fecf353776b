namespace CodeContext.Server.Tests.Harness;

/// <summary>Where the repository and the server's build output are, found from the test assembly.</summary>
internal static class RepoLayout
{
    public static string Root { get; } = FindRoot();

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

    public static string Sample => Path.Combine(Root, "samples", "Shop");

    /// <summary>CODECONTEXT_REPO_ROOT when set (a test build copied elsewhere, e.g. for the long fuzz run), else the folder above the tests holding CodeContext.sln.</summary>
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
