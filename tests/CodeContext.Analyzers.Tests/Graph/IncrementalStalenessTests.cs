using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Tests.Graph;

/// <summary>
/// The incremental staleness check finds exactly the files the whole-codebase check finds, on the
/// sample's real facts with one file's declarations changed the ways typing changes them.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class IncrementalStalenessTests(ShopFixture sample)
{
    private const string OrderService = "src/Shop.Services/Orders/OrderService.cs";

    private List<int> BothAgree(Func<DocumentFacts, DocumentFacts> edit)
    {
        var previous = sample.Analysis.Graph;
        var at = previous.IndexOf(OrderService)!.Value;
        var before = previous.Facts.Select((f, i) => i == at ? null : f).ToArray();
        var facts = previous.Facts.Select((f, i) => i == at ? edit(f) : f).ToArray();
        var priorIds = previous.Facts.SelectMany(f => f.Declarations).Select(d => SymbolGraphBuilder.StaleKey(d.Id)).ToHashSet(StringComparer.Ordinal);

        var incremental = IncrementalStaleness.Find(previous, before, facts);

        Assert.Equal(SymbolGraphBuilder.StaleAgainst(priorIds, before, facts), incremental);
        return incremental;
    }

    private static DeclaredSymbol Used(FileGraph graph, DocumentFacts facts) =>
        facts.Declarations.First(d => !d.IsType && graph.Facts.Any(f => f != facts && f.Uses.Any(u => u.TargetId == d.Id)));

    [Fact]
    public void The_same_declarations_make_nothing_stale() =>
        Assert.Empty(BothAgree(f => f with { TextHash = "edited" }));

    [Fact]
    public void A_removed_member_that_others_use_makes_them_stale() =>
        Assert.NotEmpty(BothAgree(f => f with { Declarations = [.. f.Declarations.Where(d => d != Used(sample.Analysis.Graph, f))] }));

    [Fact]
    public void A_new_member_whose_name_others_mention_makes_them_stale() =>
        Assert.NotEmpty(BothAgree(f => f with { Declarations = [.. f.Declarations, new DeclaredSymbol("P:Shop.Services.Orders.OrderService.Customer", "Customer", "OrderService.Customer", 200, IsType: false)] }));

    [Fact]
    public void A_renamed_member_is_a_removal_and_an_addition()
    {
        var stale = BothAgree(f =>
        {
            var used = Used(sample.Analysis.Graph, f);
            return f with { Declarations = [.. f.Declarations.Select(d => d == used ? d with { Id = d.Id.Replace(d.Name, d.Name + "Renamed", StringComparison.Ordinal), Name = d.Name + "Renamed" } : d)] };
        });
        Assert.NotEmpty(stale);
    }

    [Fact]
    public void A_new_member_nobody_mentions_makes_nothing_stale() =>
        Assert.Empty(BothAgree(f => f with { Declarations = [.. f.Declarations, new DeclaredSymbol("P:Shop.Services.Orders.OrderService.Edit7Count", "Edit7Count", "OrderService.Edit7Count", 200, IsType: false)] }));
}
