using System.Runtime.CompilerServices;
using CodeContext.Analyzers.Ranking;
using CodeContext.Core.Secrets;
using CodeContext.Packing.Planning;
using CodeContext.Rendering;

namespace CodeContext.Packing;

/// <summary>
/// What a ranking was made for: the ranker of one snapshot (by reference: a new snapshot has a new
/// ranker, an unchanged one the very same) and the request's text (active path, query, history
/// cut-off, recent files). A request with a cursor has no key: it always ranks.
/// </summary>
internal sealed record RankKey(FileRanker Ranker, string Request)
{
    public bool Equals(RankKey? other) => other is not null && ReferenceEquals(Ranker, other.Ranker) && Request == other.Request;

    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Ranker), Request);
}

/// <summary>What a page geometry estimate was made for: the profile and every candidate's content (<see cref="PlanInputs.Contents"/>), by value.</summary>
internal sealed record EstimatorKey(string ProfileId, string Contents);

/// <summary>
/// What the manifest's entries for every file but the active one depend on: the candidates, the
/// plan's decisions, the pages and the secret-file scan. A reused plan keeps them as the very same
/// objects, so they are compared by reference (the pages one by one), never by content: that
/// check is what keeps a warm compose from rewriting thousands of entries.
/// </summary>
internal sealed record OtherFilesKey(IReadOnlyList<Candidate> Candidates, PlannerDecisions Decisions, IReadOnlyList<RenderedPage> Pages, IReadOnlyList<SecretFile> SecretFiles)
{
    public bool Equals(OtherFilesKey? other) =>
        other is not null && ReferenceEquals(Candidates, other.Candidates) && ReferenceEquals(Decisions, other.Decisions) && ReferenceEquals(SecretFiles, other.SecretFiles)
        && Pages.Count == other.Pages.Count && Pages.Zip(other.Pages).All(p => ReferenceEquals(p.First, p.Second));

    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Candidates), RuntimeHelpers.GetHashCode(Decisions), Pages.Count);
}
