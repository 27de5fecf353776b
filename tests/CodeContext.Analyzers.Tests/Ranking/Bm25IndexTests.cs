using CodeContext.Analyzers.Ranking;

namespace CodeContext.Analyzers.Tests.Ranking;

public sealed class Bm25IndexTests
{
    private static readonly Bm25Parameters Parameters = new(1.2, 0.75);

    /// <summary>
    /// Twenty files: twelve share ten common names, two share one rare name, the rest hold a name
    /// of their own. The query holds all eleven names, as an active file would.
    /// </summary>
    private static (Bm25Index Index, Dictionary<string, double> Query) Corpus()
    {
        var common = Enumerable.Range(0, 10).Select(i => $"common{i}").ToList();
        var documents = new List<Dictionary<string, int>>();
        for (var doc = 0; doc < 20; doc++)
        {
            documents.Add(doc switch
            {
                < 12 => common.ToDictionary(t => t, _ => 1),
                < 14 => new() { ["rarename"] = 1 },
                _ => new() { [$"own{doc}"] = 1 },
            });
        }
        return (new Bm25Index(documents, Parameters), common.Append("rarename").ToDictionary(t => t, _ => 1.0));
    }

    [Fact]
    public void Weighing_rarity_ranks_a_file_sharing_one_rare_name_above_one_sharing_many_common_ones()
    {
        var (index, query) = Corpus();
        var plain = index.Score(query);
        var rare = index.Score(index.RarityWeighted(query));
        Assert.True(plain[0] > plain[12], $"plain BM25: common {plain[0]}, rare {plain[12]}");
        Assert.True(rare[12] > rare[0], $"rarity weighted: common {rare[0]}, rare {rare[12]}");
    }

    [Fact]
    public void Idf_falls_as_more_files_hold_a_term_and_is_zero_for_a_term_none_holds()
    {
        var (index, _) = Corpus();
        Assert.True(index.Idf("own15") > index.Idf("rarename"));
        Assert.True(index.Idf("rarename") > index.Idf("common0"));
        Assert.True(index.Idf("common0") > 0);
        Assert.Equal(0, index.Idf("absent"));
    }

    [Fact]
    public void Rarity_weighting_follows_replaced_documents()
    {
        var (index, query) = Corpus();
        // Six more files take the rare name: it is less rare than before.
        var updated = index.WithDocuments([.. Enumerable.Range(14, 6).Select(doc => (doc, new Dictionary<string, int> { ["rarename"] = 1 }))]);
        Assert.True(updated.Idf("rarename") < index.Idf("rarename"));
        Assert.Equal(updated.Idf("rarename"), updated.RarityWeighted(query)["rarename"]);
    }
}
