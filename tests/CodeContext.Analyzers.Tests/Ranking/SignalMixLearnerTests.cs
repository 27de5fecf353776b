using CodeContext.Analyzers.Ranking;

namespace CodeContext.Analyzers.Tests.Ranking;

/// <summary>
/// Learning the signal mix from a codebase's own commits, on the sample's graph with histories
/// written for the purpose: the mix that recalls those commits must be the one chosen.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class SignalMixLearnerTests(ShopFixture sample)
{
    private static readonly SignalWeights NameOnly = new(0, 0, 0) { Path = 1 };
    private static readonly SignalWeights HistoryOnly = new(0, 0, 1);

    // Unrelated by name, changed together again and again: only co-change knows.
    private static readonly (string, string) RepeatedPair = ("src/Shop.Services/Reporting/ReportSchedule.cs", "tests/Shop.Tests/Fakes/FixedClock.cs");

    // The expected winner is never the first candidate, which wins ties.
    private static RankingWeights Learning(params SignalWeights[] candidates) =>
        RankingWeights.Default with { MixLearning = new MixLearning(Commits: 40, MinQueries: 4, MinGain: 0.005, Candidates: candidates) };

    private static CoChangeHistory History(IEnumerable<(string A, string B)> pairs) =>
        new([.. pairs.Select((pair, i) => new ChangeSet($"{i:x8}", [pair.A, pair.B]))], maxFilesPerCommit: 30);

    [Fact]
    public void Tests_committed_with_their_subjects_teach_the_name_signal()
    {
        // Each test and its subject change together once: co-change, cut before each commit, never
        // sees the pair; their names do.
        var pairs = TestSubjectPairs().ToList();
        Assert.True(pairs.Count >= 4, $"only {pairs.Count} test/subject pairs in the sample");
        Assert.Equal(NameOnly, SignalMixLearner.Fit(sample.Analysis.Graph, History(pairs), Learning(HistoryOnly, NameOnly)));
    }

    private IEnumerable<(string Test, string Subject)> TestSubjectPairs() => sample.Analysis.Graph.Paths
        .Where(p => p.StartsWith("tests/Shop.Tests/", StringComparison.Ordinal) && p.EndsWith("Tests.cs", StringComparison.Ordinal))
        .Select(test => (Test: test, Subject: sample.Analysis.Graph.Paths.FirstOrDefault(p => p.EndsWith("/" + Path.GetFileName(test).Replace("Tests.cs", ".cs", StringComparison.Ordinal), StringComparison.Ordinal))))
        .Where(pair => pair.Subject is not null)
        .Select(pair => (pair.Test, pair.Subject!));

    [Fact]
    public void Files_that_keep_changing_together_teach_the_history_signal()
    {
        // Unrelated by name, changed together again and again: only co-change knows.
        Assert.Equal(HistoryOnly, SignalMixLearner.Fit(sample.Analysis.Graph, History(Enumerable.Repeat(RepeatedPair, 12)), Learning(NameOnly, HistoryOnly)));
    }

    [Fact]
    public void Without_enough_history_the_shipped_mix_stays()
    {
        var weights = Learning(NameOnly, HistoryOnly);
        Assert.Equal(weights.SignalWeights, SignalMixLearner.Fit(sample.Analysis.Graph, CoChangeHistory.Empty, weights));
        Assert.Equal(weights.SignalWeights, SignalMixLearner.Learn(sample.Analysis.Graph, CoChangeHistory.Empty, weights, cache: null).SignalWeights);
    }

    [Fact]
    public void A_mix_the_most_recent_commits_contradict_is_not_kept()
    {
        // Most recent first: tests committed with their subjects (held out), then, older, one pair
        // committed again and again. The older commits alone teach history; the held-out ones
        // show it does not hold, so the shipped mix (the first candidate) stays.
        var pairs = TestSubjectPairs().Take(6).ToList();
        Assert.True(pairs.Count >= 4, $"only {pairs.Count} test/subject pairs in the sample");
        var history = History(pairs.Concat(Enumerable.Repeat(RepeatedPair, 14)));
        var learning = Learning(NameOnly, HistoryOnly);
        Assert.Equal(HistoryOnly, SignalMixLearner.Fit(sample.Analysis.Graph, history, learning));
        var guarded = learning with { MixLearning = learning.MixLearning! with { HoldOut = 0.34 } };
        Assert.Equal(NameOnly, SignalMixLearner.Fit(sample.Analysis.Graph, history, guarded));
    }
}
