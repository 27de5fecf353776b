using CodeContext.Analyzers.Loading;
using CodeContext.Analyzers.Ranking;
using CodeContext.Packing.Summary;

namespace CodeContext.Packing.Tests.Summary;

/// <summary>
/// The sample declares its target framework only in samples/Directory.Build.props, above the
/// loaded root (samples/Shop): the load never reads it, MSBuild's evaluation imports it.
/// </summary>
public sealed class SolutionMapTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    private static readonly IReadOnlyDictionary<string, FileTraits> NoTraits = new Dictionary<string, FileTraits>();

    [Fact]
    public void Frameworks_msbuild_evaluated_from_a_props_file_above_the_root_are_shown()
    {
        var projects = SolutionMap.Build(shop.Analysis.Workspace, NoTraits);

        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.Equal(["net10.0"], p.Frameworks));
        Assert.All(projects, p => Assert.False(p.FrameworksOutsideRoot));
        Assert.Contains("- Shop.Api (src/Shop.Api/Shop.Api.csproj): exe, net10.0,", SolutionMap.Text(projects, withTypes: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_msbuild_frameworks_declared_only_above_the_root_are_said_to_be_there()
    {
        var workspace = await WorkspaceLoader.LoadAsync(Path.Combine(RepositoryPaths.Shop, "Shop.sln"), new LoadOptions { NoMsBuild = true });

        var projects = SolutionMap.Build(workspace, NoTraits);

        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.Empty(p.Frameworks));
        Assert.All(projects, p => Assert.True(p.FrameworksOutsideRoot));
        Assert.Matches(@"- Shop\.Api \(src/Shop\.Api/Shop\.Api\.csproj\): \w+, target frameworks declared outside the root, \d+ files", SolutionMap.Text(projects, withTypes: false));
    }
}
