using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;

namespace CodeContext.Packing.Tests;

/// <summary>The sample solution, loaded and analysed once for every test that composes on it.</summary>
public sealed class ShopAnalysis : IAsyncLifetime
{
    public const string Active = "src/Shop.Services/Orders/OrderService.cs";

    public CodebaseAnalysis Analysis { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Analysis = await CodebaseAnalysis.OpenAsync(Path.Combine(TestPaths.Shop, "Shop.sln"), new LoadOptions(), null);

    public Task DisposeAsync() => Task.CompletedTask;
}
