using CodeContext.Analyzers.Ranking;

namespace CodeContext.Analyzers.Tests.Ranking;

/// <summary>
/// A ranker carried across an edit (<see cref="FileRanker.Updated"/>) keeps what the edit did not
/// touch, and must rank to the last bit as a ranker built anew for the edited graph.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class IncrementalRankerTests(ShopFixture sample)
{
    private const string OrderService = "src/Shop.Services/Orders/OrderService.cs";
    private const string Gateway = "src/Shop.Infrastructure/Payments/FakePaymentGateway.cs";

    private async Task<CodebaseAnalysis> EditAsync(string member)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Shop, OrderService));
        var at = source.LastIndexOf('}');
        return await sample.Analysis.WithDocumentTextAsync(OrderService, source[..at] + member + "\n" + source[at..]);
    }

    private static void RanksAsANewRanker(CodebaseAnalysis edited)
    {
        var fresh = new FileRanker(edited.Graph, edited.History, edited.Ranker.Weights);
        RankRequest[] requests =
        [
            new(OrderService),
            new(OrderService) { Query = "retry the payment when the gateway times out" },
            new(Gateway) { Recent = [OrderService] },
        ];
        foreach (var request in requests)
        {
            var expected = fresh.Rank(request);
            var actual = edited.Ranker.Rank(request);
            Assert.Equal(expected.Select(r => (r.Path, r.Score, string.Join('|', r.Reasons))), actual.Select(r => (r.Path, r.Score, string.Join('|', r.Reasons))));
        }
    }

    [Fact]
    public async Task A_new_member_name_keeps_the_walk_and_ranks_as_a_new_ranker()
    {
        var edited = await EditAsync("    private static int RetryBudgetCount => 3;");

        Assert.NotSame(sample.Analysis.Ranker, edited.Ranker);
        Assert.True(edited.Ranker.SharesWalkWith(sample.Analysis.Ranker));
        RanksAsANewRanker(edited);
    }

    [Fact]
    public async Task A_new_use_of_another_file_walks_anew_and_ranks_as_a_new_ranker()
    {
        var edited = await EditAsync("    internal static System.Type ScheduleType => typeof(Shop.Services.Reporting.ReportSchedule);");

        Assert.NotEqual(sample.Analysis.Graph.Edges.Count, edited.Graph.Edges.Count);
        Assert.False(edited.Ranker.SharesWalkWith(sample.Analysis.Ranker));
        RanksAsANewRanker(edited);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public void Replacing_documents_scores_exactly_as_an_index_built_from_the_new_terms(int replaced)
    {
        var documents = sample.Analysis.Graph.Facts.Select(f => IdentifierTerms.Bag(f.Identifiers)).ToList();
        var parameters = RankingWeights.Default.Bm25;
        // Document i takes the terms of document i + 1: lengths, frequencies and the average all move.
        var replacements = Enumerable.Range(0, replaced).Select(i => (Doc: i * 5, Terms: documents[i * 5 + 1])).ToList();
        var edited = documents.ToList();
        foreach (var (doc, terms) in replacements) edited[doc] = terms;
        var rebuilt = new Bm25Index(edited, parameters);
        // In two steps, as successive edits would arrive.
        var updated = new Bm25Index(documents, parameters).WithDocuments(replacements.Take(1).ToList()).WithDocuments(replacements.Skip(1).ToList());

        foreach (var query in edited.Take(10).Concat(documents.Take(10)))
        {
            Assert.Equal(rebuilt.Score(Bm25Index.QueryFrom(query)), updated.Score(Bm25Index.QueryFrom(query)));
            Assert.All(query.Keys, term => Assert.Equal(rebuilt.DocumentFrequency(term), updated.DocumentFrequency(term)));
        }
    }
}
