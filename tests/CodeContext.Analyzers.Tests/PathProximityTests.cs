using CodeContext.Analyzers.Ranking;

namespace CodeContext.Analyzers.Tests;

/// <summary>Roles read from file names and folders, on the sample's own paths.</summary>
[Collection(SampleCollection.Name)]
public sealed class PathProximityTests(SampleFixture sample)
{
    private const string Allocator = "src/Shop.Infrastructure/Inventory/WarehouseBinAllocator.cs";
    private const string AllocatorTests = "tests/Shop.Tests/WarehouseBinAllocatorTests.cs";

    private (PathProximity Proximity, Func<string, int> Index) Sample()
    {
        var graph = sample.Analysis.Graph;
        return (new PathProximity(graph.Paths), path => graph.IndexOf(path) ?? throw new InvalidOperationException($"{path} is not in the sample's graph"));
    }

    private static string Best(PathProximity proximity, int active, IReadOnlyList<string> paths)
    {
        var scores = proximity.Scores(active, folderShare: 0.5);
        return paths[Array.IndexOf(scores, scores.Max())];
    }

    [Fact]
    public void A_test_and_its_subject_find_each_other_by_name()
    {
        var (proximity, index) = Sample();
        var paths = sample.Analysis.Graph.Paths;
        Assert.Equal(AllocatorTests, Best(proximity, index(Allocator), paths));
        Assert.Equal(Allocator, Best(proximity, index(AllocatorTests), paths));
        Assert.Equal("tests WarehouseBinAllocator by its name", proximity.Role(index(Allocator), index(AllocatorTests)));
        Assert.Equal("the subject of WarehouseBinAllocatorTests, by its name", proximity.Role(index(AllocatorTests), index(Allocator)));
    }

    [Fact]
    public void An_interface_ranks_the_implementations_named_after_it_above_other_files_of_their_folder()
    {
        var (proximity, index) = Sample();
        var scores = proximity.Scores(index("src/Shop.Domain/Orders/IOrderRepository.cs"), folderShare: 0.5);
        var implementations = new[] { "src/Shop.Infrastructure/Persistence/InMemoryOrderRepository.cs", "src/Shop.Infrastructure/Persistence/SqlOrderRepository.cs" };
        var other = scores[index("src/Shop.Infrastructure/Persistence/InMemoryCustomerRepository.cs")];
        Assert.All(implementations, path => Assert.True(scores[index(path)] > other, $"{path} scores {scores[index(path)]}, a customer repository {other}"));
        Assert.Equal("named alike (order, repository)", proximity.Role(index("src/Shop.Domain/Orders/IOrderRepository.cs"), index(implementations[1])));
    }

    [Fact]
    public void Files_sharing_no_name_word_have_no_role()
    {
        var (proximity, index) = Sample();
        Assert.Null(proximity.Role(index(Allocator), index("src/Shop.Services/Orders/OrderService.cs")));
        Assert.Equal(0, proximity.Scores(index(Allocator), folderShare: 0.5)[index(Allocator)]);
    }
}
