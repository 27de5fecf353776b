using CodeContext.Analyzers.Ranking;

namespace CodeContext.Analyzers.Tests.Ranking;

/// <summary>Roles read from file names and folders, on the sample's own paths.</summary>
[Collection(SampleCollection.Name)]
public sealed class PathProximityTests(ShopFixture sample)
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

    // An application's layout: every service has its own Program.cs and Extensions.cs.
    private static readonly string[] Services =
    [
        "src/Basket.API/Program.cs", "src/Basket.API/Extensions/Extensions.cs", "src/Basket.API/Grpc/BasketService.cs",
        "src/Ordering.API/Program.cs", "src/Ordering.API/Extensions/Extensions.cs", "src/Ordering.API/Apis/OrdersApi.cs",
        "src/Catalog.API/Program.cs", "src/Catalog.API/Extensions/Extensions.cs", "src/Catalog.API/Apis/CatalogApi.cs",
        "src/WebApp/Program.cs", "src/WebApp/Extensions/Extensions.cs",
        "tests/Basket.UnitTests/BasketServiceTests.cs",
    ];

    [Fact]
    public void A_name_every_service_repeats_points_into_the_active_files_own_project()
    {
        var proximity = new PathProximity(Services);
        var rare = new PathParameters(FolderShare: 0.5, RareNames: true, ProjectShare: 0.5);
        var plain = proximity.Scores(0, folderShare: 0.5);
        var scores = proximity.Scores(0, rare);

        // Plainly, another service's Program.cs looks like a twin; weighed by how many folders
        // repeat the name, the same service's files come first.
        Assert.Equal("src/Ordering.API/Program.cs", Services[Array.IndexOf(plain, plain.Max())]);
        Assert.StartsWith("src/Basket.API/", Services[Array.IndexOf(scores, scores.Max())], StringComparison.Ordinal);
        Assert.True(scores[1] > scores[3], $"the service's own Extensions.cs scores {scores[1]}, another service's Program.cs {scores[3]}");

        // A name two files share is still a strong tie.
        var service = proximity.Scores(2, rare);
        Assert.Equal("tests/Basket.UnitTests/BasketServiceTests.cs", Services[Array.IndexOf(service, service.Max())]);
    }

    [Fact]
    public void The_same_project_folder_adds_its_share()
    {
        var proximity = new PathProximity(Services);
        var without = proximity.Scores(5, new PathParameters(0.5, RareNames: true, ProjectShare: 0));
        var with = proximity.Scores(5, new PathParameters(0.5, RareNames: true, ProjectShare: 0.25));
        Assert.Equal(without[3] + 0.25, with[3], 9);
        Assert.Equal(without[8], with[8], 9);
    }
}
