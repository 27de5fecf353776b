using CodeContext.Analyzers.Loading;

namespace CodeContext.Analyzers.Tests;

/// <summary>The bundled sample solution, loaded once (with MSBuild) for every test that ranks it.</summary>
public sealed class SampleFixture : IAsyncLifetime
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SamplePath => Path.Combine(RepositoryRoot, "samples", "Shop");

    public CodebaseAnalysis Analysis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await EnsureRestoredAsync();
        Analysis = await CodebaseAnalysis.OpenAsync(SamplePath, new LoadOptions(), cache: null);
    }

    /// <summary>
    /// The sample is a real solution with package references: restore it once (as CI's setup step
    /// does) so a plain `dotnet test` on a fresh clone sees it complete, not degraded.
    /// </summary>
    private static async Task EnsureRestoredAsync()
    {
        var projects = Directory.EnumerateFiles(SamplePath, "*.csproj", SearchOption.AllDirectories);
        if (projects.All(p => File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "obj", "project.assets.json")))) return;
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", ["restore", Path.Combine(SamplePath, "Shop.sln")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet restore of the sample failed: {output}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CodeContext.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CodeContext.sln not found above the test assembly");
    }
}

[CollectionDefinition(Name)]
public sealed class SampleCollection : ICollectionFixture<SampleFixture>
{
    public const string Name = "sample";
}
