using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;

namespace CodeContext.TestUtilities;

/// <summary>
/// samples/Shop restored and analysed (MSBuild load, symbol graph, history; no cache), once per
/// fixture instance: a collection fixture shares one load between test classes, a class fixture
/// gives a class its own. The sample is restored first (as CI's setup step does) because an
/// unrestored sample loads degraded (package references unresolved, fewer edges): before this
/// fixture, the Packing tests loaded whatever state the Analyzers tests' restore had left.
/// </summary>
public sealed class ShopFixture : IAsyncLifetime
{
    /// <summary>The active file most tests compose and rank around.</summary>
    public const string Active = "src/Shop.Services/Orders/OrderService.cs";

    public static string Solution => Path.Combine(RepositoryPaths.Shop, "Shop.sln");

    // Once per test process: the classes of a test assembly initialise their fixtures in parallel.
    private static readonly Lazy<Task> Restored = new(EnsureRestoredAsync);

    public CodebaseAnalysis Analysis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Restored.Value;
        Analysis = await CodebaseAnalysis.OpenAsync(Solution, new LoadOptions(), cache: null);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Restores the sample unless every project already has its assets (a fresh clone has none).</summary>
    private static async Task EnsureRestoredAsync()
    {
        var projects = Directory.EnumerateFiles(RepositoryPaths.Shop, "*.csproj", SearchOption.AllDirectories);
        if (projects.All(p => File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "obj", "project.assets.json")))) return;
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", ["restore", Solution])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet restore of the sample failed: {output}");
    }
}
