using CodeContext.Analyzers.Loading;

namespace CodeContext.Analyzers.Tests;

/// <summary>The bundled sample solution, loaded once (with MSBuild) for every test that ranks it.</summary>
public sealed class SampleFixture : IAsyncLifetime
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SamplePath => Path.Combine(RepositoryRoot, "samples", "Shop");

    public CodebaseAnalysis Analysis { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Analysis = await CodebaseAnalysis.OpenAsync(SamplePath, new LoadOptions(), cache: null);

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
