using CodeContext.Analyzers.Ranking;

namespace CodeContext.Packing.Summary;

/// <summary>
/// The ranking for a change: pack's ranking for each changed file in turn (as if it were the
/// active file), each scaled by its own top score, then summed, so a file close to several
/// changed files comes before one close to a single one. Changed files are not ranked: they are
/// carried whole.
/// </summary>
public static class ChangeRanking
{
    /// <summary>A file is said to be near a changed file when it scores at least this share of that file's top score.</summary>
    private const double CloseShare = 0.25;

    public static IReadOnlyList<RankedFile> Rank(FileRanker ranker, IReadOnlyList<string> changed)
    {
        var carried = changed.ToHashSet(StringComparer.Ordinal);
        var scores = new Dictionary<string, (double Score, int Near, string First, IReadOnlyList<string> Reasons, double Best)>(StringComparer.Ordinal);
        foreach (var path in changed)
        {
            var ranked = ranker.Rank(new RankRequest(path));
            var top = ranked.Count == 0 ? 1 : Math.Max(1e-12, ranked[0].Score);
            foreach (var file in ranked.Where(r => !carried.Contains(r.Path)))
            {
                var share = file.Score / top;
                scores[file.Path] = scores.TryGetValue(file.Path, out var known)
                    ? (known.Score + share, known.Near + (share >= CloseShare ? 1 : 0), share > known.Best ? path : known.First, share > known.Best ? file.Reasons : known.Reasons, Math.Max(share, known.Best))
                    : (share, share >= CloseShare ? 1 : 0, path, file.Reasons, share);
            }
        }

        return [.. scores
            .OrderByDescending(s => s.Value.Score).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new RankedFile(s.Key, Math.Round(s.Value.Score, 6), [Near(s.Value.First, s.Value.Near), .. s.Value.Reasons]))];
    }

    private static string Near(string first, int near) => near <= 1
        ? $"near the change in {first}"
        : $"near the change in {first} and {near - 1} other changed file{(near == 2 ? "" : "s")}";
}
