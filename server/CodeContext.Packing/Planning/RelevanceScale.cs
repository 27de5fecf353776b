using CodeContext.Analyzers.Ranking;

namespace CodeContext.Packing.Planning;

/// <summary>Relevance on pack's scale: each file's score over the top one's, with its reasons.</summary>
internal static class RelevanceScale
{
    /// <param name="direct">Files the active part uses directly (<see cref="DirectUses"/>); null: none.</param>
    public static Dictionary<string, FileRelevance> Of(IReadOnlyList<RankedFile> ranked, IReadOnlySet<string>? direct = null)
    {
        var top = ranked.Count == 0 ? 1 : Math.Max(1e-12, ranked.Max(r => r.Score));
        return ranked.ToDictionary(r => r.Path, r => new FileRelevance(Math.Round(r.Score / top, 4), r.Reasons, direct?.Contains(r.Path) == true), StringComparer.Ordinal);
    }
}
