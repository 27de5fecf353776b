using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Loading;

namespace CodeContext.Analyzers.Tests.Graph;

/// <summary>Exact edges for small hand-written codebases: one assertion per kind of use.</summary>
public sealed class EdgeTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static readonly string Domain = """
        namespace Shop;

        public interface IRepository { void Save(Order order); }

        public abstract class Entity
        {
            public int Id { get; set; }
            public abstract string Describe();
        }

        public partial class Order : Entity
        {
            public decimal Total;
            public override string Describe() => $"Order {Id}";
        }
        """;

    private static readonly string OrderPart = """
        namespace Shop;

        public partial class Order
        {
            public void Validate() { }
        }
        """;

    private static readonly string Service = """
        namespace Shop;

        public sealed class OrderService(IRepository repository)
        {
            public Order Place(decimal total)
            {
                var order = new Order();
                order.Total = total;
                order.Validate();
                repository.Save(order);
                return order;
            }

            public decimal Peek(Order order) => order.Total;
        }
        """;

    private static readonly string Repository = """
        namespace Shop;

        public sealed class MemoryRepository : IRepository
        {
            public void Save(Order order) { }
        }
        """;

    private async Task<FileGraph> BuildAsync()
    {
        _tree.With("Shop/Shop.csproj", TempTree.LibraryProject)
            .With("Shop/Domain.cs", Domain)
            .With("Shop/Order.Validation.cs", OrderPart)
            .With("Shop/OrderService.cs", Service)
            .With("Shop/MemoryRepository.cs", Repository)
            .With("Shop.Tests/Shop.Tests.csproj", TempTree.ProjectReferencing("../Shop/Shop.csproj"))
            .With("Shop.Tests/OrderServiceTests.cs", """
                namespace Shop.Tests;

                public class OrderServiceTests
                {
                    public void Places() => new Shop.OrderService(new Shop.MemoryRepository()).Place(3m);
                }
                """);
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions { NoMsBuild = true });
        return (await SymbolGraphBuilder.BuildAsync(workspace, cache: null, log: null)).Graph;
    }

    private static bool HasEdge(FileGraph graph, string from, string to, EdgeKind kind, string target) =>
        graph.Edges.Any(e => graph.Paths[e.From] == from && graph.Paths[e.To] == to && e.Kind == kind && e.TargetDisplay == target);

    [Theory]
    [InlineData("Shop/MemoryRepository.cs", "Shop/Domain.cs", EdgeKind.Implements, "IRepository")]
    [InlineData("Shop/Domain.cs", "Shop/Domain.cs", EdgeKind.Inherits, "Entity")]
    [InlineData("Shop/OrderService.cs", "Shop/Domain.cs", EdgeKind.Calls, "IRepository.Save")]
    [InlineData("Shop/OrderService.cs", "Shop/Order.Validation.cs", EdgeKind.Calls, "Order.Validate")]
    [InlineData("Shop/OrderService.cs", "Shop/Domain.cs", EdgeKind.Creates, "Order")]
    [InlineData("Shop/OrderService.cs", "Shop/Domain.cs", EdgeKind.ReferencesType, "Order")]
    [InlineData("Shop/OrderService.cs", "Shop/Domain.cs", EdgeKind.WritesMember, "Order.Total")]
    [InlineData("Shop/OrderService.cs", "Shop/Domain.cs", EdgeKind.ReadsMember, "Order.Total")]
    [InlineData("Shop/Domain.cs", "Shop/Order.Validation.cs", EdgeKind.SamePartial, "Order")]
    [InlineData("Shop/Order.Validation.cs", "Shop/Domain.cs", EdgeKind.SamePartial, "Order")]
    [InlineData("Shop.Tests/OrderServiceTests.cs", "Shop/OrderService.cs", EdgeKind.TestOf, "OrderService")]
    [InlineData("Shop.Tests/OrderServiceTests.cs", "Shop/MemoryRepository.cs", EdgeKind.Creates, "MemoryRepository")]
    public async Task Records_each_kind_of_use(string from, string to, EdgeKind kind, string target)
    {
        var graph = await BuildAsync();
        if (from == to)
        {
            // Uses within one file are not edges: the base class lives in the same file here.
            Assert.DoesNotContain(graph.Edges, e => graph.Paths[e.From] == from && graph.Paths[e.To] == to);
            return;
        }
        Assert.True(HasEdge(graph, from, to, kind, target),
            $"expected {from} -{kind}-> {to} ({target}); edges from it: " +
            string.Join(", ", graph.Edges.Where(e => graph.Paths[e.From] == from).Select(e => $"{e.Kind} {graph.Paths[e.To]} {e.TargetDisplay}")));
    }

    [Fact]
    public async Task Records_overrides_across_files()
    {
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject)
            .With("Lib/Shape.cs", "namespace Lib; public abstract class Shape { public abstract double Area(); }")
            .With("Lib/Square.cs", "namespace Lib; public sealed class Square(double side) : Shape { public override double Area() => side * side; }");
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions { NoMsBuild = true });
        var graph = (await SymbolGraphBuilder.BuildAsync(workspace, null, null)).Graph;

        Assert.True(HasEdge(graph, "Lib/Square.cs", "Lib/Shape.cs", EdgeKind.Overrides, "Shape.Area"));
        Assert.True(HasEdge(graph, "Lib/Square.cs", "Lib/Shape.cs", EdgeKind.Inherits, "Shape"));
        Assert.DoesNotContain(graph.Edges, e => graph.Paths[e.From] == "Lib/Shape.cs");
    }

    [Fact]
    public async Task Records_reads_and_writes_through_properties_and_compound_assignment()
    {
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject)
            .With("Lib/Counter.cs", "namespace Lib; public sealed class Counter { public int Value { get; set; } public static int Created; }")
            .With("Lib/User.cs", "namespace Lib; public static class User { public static int Bump(Counter c) { c.Value++; Counter.Created += 1; return c.Value; } }");
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions { NoMsBuild = true });
        var graph = (await SymbolGraphBuilder.BuildAsync(workspace, null, null)).Graph;

        Assert.True(HasEdge(graph, "Lib/User.cs", "Lib/Counter.cs", EdgeKind.WritesMember, "Counter.Value"));
        Assert.True(HasEdge(graph, "Lib/User.cs", "Lib/Counter.cs", EdgeKind.WritesMember, "Counter.Created"));
        Assert.True(HasEdge(graph, "Lib/User.cs", "Lib/Counter.cs", EdgeKind.ReadsMember, "Counter.Value"));
    }

    [Fact]
    public async Task Records_uses_spelled_differently_from_the_declaration()
    {
        // Aliases, attribute short names and "var" reach a declaration under another spelling.
        _tree.With("Lib/Lib.csproj", TempTree.LibraryProject)
            .With("Lib/Marks.cs", "namespace Lib; public sealed class AuditedAttribute : System.Attribute { } public sealed class Ledger { public static Ledger Open() => new(); }")
            .With("Lib/Aliases.cs", "global using Book = Lib.Ledger;")
            .With("Lib/Clerk.cs", """
                using Journal = Lib.Ledger;
                namespace Lib;
                [Audited]
                public sealed class Clerk
                {
                    public object Local() => new Journal();
                    public object Global() => new Book();
                    public string Inferred() { var entry = Ledger.Open(); return entry.ToString()!; }
                }
                """);
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions { NoMsBuild = true });
        var graph = (await SymbolGraphBuilder.BuildAsync(workspace, null, null)).Graph;

        var uses = graph.Edges.Where(e => graph.Paths[e.From] == "Lib/Clerk.cs").ToList();
        Assert.Contains(uses, e => e.Kind == EdgeKind.Creates && e.TargetDisplay == "AuditedAttribute");
        var creates = Assert.Single(uses, e => e.Kind == EdgeKind.Creates && e.TargetDisplay == "Ledger");
        Assert.Equal(2, creates.Count);
        // The alias directive and Ledger.Open() name the type; "var" names it a third time.
        Assert.Equal(3, Assert.Single(uses, e => e.Kind == EdgeKind.ReferencesType && e.TargetDisplay == "Ledger").Count);
    }
}
