using CodeContext.Analyzers.Ranking;

namespace CodeContext.Analyzers.Tests.Ranking;

/// <summary>Co-change and churn read from a history written for the purpose (newest commit first).</summary>
public sealed class CoChangeHistoryTests
{
    // a.cs and b.cs changed together in the two newest commits; a.cs and c.cs in the ten oldest.
    private static readonly CoChangeHistory History = new(
        [
            new ChangeSet("0000", ["a.cs", "b.cs"]),
            new ChangeSet("0001", ["a.cs", "b.cs"]),
            .. Enumerable.Range(2, 10).Select(i => new ChangeSet($"{i:x4}", ["a.cs", "c.cs"])),
        ],
        maxFilesPerCommit: 30);

    [Fact]
    public void A_half_life_lets_recent_partners_outweigh_old_ones()
    {
        var all = History.Partners("a.cs");
        Assert.True(all["c.cs"].Score > all["b.cs"].Score);
        var recent = History.Partners("a.cs", halfLife: 1);
        Assert.True(recent["b.cs"].Score > recent["c.cs"].Score, $"b {recent["b.cs"].Score}, c {recent["c.cs"].Score}");
        Assert.Equal(10, recent["c.cs"].Commits);
    }

    [Fact]
    public void Churn_counts_only_commits_older_than_the_cut_decayed_from_it()
    {
        var churn = History.Churn(before: "0001", halfLife: 0);
        Assert.Equal(10, churn["a.cs"]);
        Assert.False(churn.ContainsKey("b.cs"));
        var decayed = History.Churn(before: null, halfLife: 2);
        Assert.Equal(1 + Math.Pow(0.5, 0.5), decayed["b.cs"], 9);
    }
}
