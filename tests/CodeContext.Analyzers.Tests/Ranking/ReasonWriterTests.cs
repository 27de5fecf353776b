using CodeContext.Analyzers.Ranking;

namespace CodeContext.Analyzers.Tests.Ranking;

/// <summary>
/// The reasons a ranking gives are written when read and from what each ranking works out once;
/// each shortcut must say exactly what a pass over every word and every neighbour says.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class ReasonWriterTests(ShopFixture sample)
{
    private const string OrderService = "src/Shop.Services/Orders/OrderService.cs";

    private List<Dictionary<string, int>> Terms() => [.. sample.Analysis.Graph.Facts.Select(f => IdentifierTerms.Bag(f.Identifiers))];

    private ReasonWriter Writer(int active, Dictionary<string, int> activeTerms, IReadOnlyList<Dictionary<string, int>> terms, Bm25Index index) =>
        new(sample.Analysis.Graph, active, activeTerms, terms, index, RankingWeights.Default.ReasonsPerFile);

    /// <summary>What the writer once did for every file: every word of the file against the active file's.</summary>
    private static List<string> SharedTermsByEveryWord(Dictionary<string, int> file, Dictionary<string, int> activeTerms, Bm25Index index, int files) =>
        [.. file.Keys.Where(activeTerms.ContainsKey)
            .Where(t => char.IsLetter(t[0]) && t.Length >= 4)
            .Select(t => (Term: t, Files: index.DocumentFrequency(t)))
            .Where(t => t.Files <= Math.Max(2, files / 10))
            .OrderBy(t => t.Files)
            .Select(t => t.Term)
            .Take(3)];

    [Fact]
    public void Shared_words_are_those_a_pass_over_every_word_of_every_file_finds()
    {
        var terms = Terms();
        var index = new Bm25Index(terms, RankingWeights.Default.Bm25);
        var compared = 0;
        for (var active = 0; active < terms.Count; active++)
        {
            var writer = Writer(active, terms[active], terms, index);
            for (var file = 0; file < terms.Count; file++)
            {
                if (file == active) continue;
                Assert.Equal(SharedTermsByEveryWord(terms[file], terms[active], index, terms.Count), writer.SharedTerms(file));
                compared += writer.SharedTerms(file).Count > 1 ? 1 : 0;
            }
        }

        Assert.True(compared > 100, $"only {compared} files shared more than one word with an active file");
    }

    [Fact]
    public void Shared_words_count_files_as_an_index_with_replaced_documents_does()
    {
        // The active file's words replaced by another file's, as an edit would replace them, and a
        // question outside the graph (active -1: its words count no file of their own).
        var terms = Terms();
        var order = sample.Analysis.Graph.IndexOf(OrderService)!.Value;
        var edited = terms.ToList();
        edited[order] = terms[(order + 1) % terms.Count];
        var index = new Bm25Index(terms, RankingWeights.Default.Bm25).WithDocuments([(order, edited[order])]);
        var question = IdentifierTerms.Bag(new Dictionary<string, int> { ["OrderRepository"] = 1, ["PaymentGateway"] = 2, ["Discount"] = 1 });
        foreach (var (active, activeTerms) in new[] { (order, edited[order]), (-1, question) })
        {
            var writer = Writer(active, activeTerms, edited, index);
            for (var file = 0; file < edited.Count; file++)
            {
                if (file == active) continue;
                Assert.Equal(SharedTermsByEveryWord(edited[file], activeTerms, index, edited.Count), writer.SharedTerms(file));
            }
        }
    }

    [Fact]
    public void A_file_related_only_through_a_neighbour_names_the_first_neighbour_linked_to_it()
    {
        var graph = sample.Analysis.Graph;
        var terms = Terms();
        var index = new Bm25Index(terms, RankingWeights.Default.Bm25);
        var noSeeds = new SeedSet([], new HashSet<int>(), null, new HashSet<int>(), new Dictionary<int, string>(), new Dictionary<int, string>());
        var indirect = 0;
        for (var active = 0; active < graph.Count; active++)
        {
            var writer = Writer(active, terms[active], terms, index);
            var neighbours = graph.Outgoing[active].Select(e => e.To).Concat(graph.Incoming[active].Select(e => e.From)).Distinct().ToList();
            for (var file = 0; file < graph.Count; file++)
            {
                if (file == active) continue;
                var reasons = writer.Explain(file, noSeeds, 0, lexical: false);
                if (reasons.Count != 1 || !(reasons[0].StartsWith("related through", StringComparison.Ordinal) || reasons[0].StartsWith("connected", StringComparison.Ordinal))) continue;
                // What the writer once did: each neighbour in turn, its targets and the file's.
                var middle = neighbours.Cast<int?>().FirstOrDefault(m => graph.Outgoing[m!.Value].Any(e => e.To == file) || graph.Outgoing[file].Any(e => e.To == m));
                Assert.Equal(middle is { } m ? $"related through {graph.Paths[m]}" : "connected to the active file through the symbol graph", reasons[0]);
                indirect += middle is null ? 0 : 1;
            }
        }

        Assert.True(indirect > 50, $"only {indirect} files were related through a neighbour");
    }

    [Fact]
    public async Task Reasons_read_from_many_threads_at_once_are_those_read_one_at_a_time()
    {
        var first = (await sample.Analysis.RankAsync(OrderService, null, [], null, top: null)).Ranked;
        var second = (await sample.Analysis.RankAsync(OrderService, null, [], null, top: null)).Ranked;
        var together = new string[first.Count];
        Parallel.For(0, first.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i % first.Count] = string.Join('|', first[i % first.Count].Reasons));

        Assert.Equal(second.Select(r => string.Join('|', r.Reasons)), together);
    }
}
