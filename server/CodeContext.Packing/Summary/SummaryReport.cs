using CodeContext.Packing.Planning;

namespace CodeContext.Packing.Summary;

/// <summary>What summarize's report.html and summary.md are written from: the bundle's manifest, the active set and the solution map.</summary>
public sealed record SummaryReport(Manifest Manifest, ActiveSet Set, IReadOnlyList<ProjectSummary> Projects)
{
    /// <summary>The active part first, then the ladder from the highest form down: the order of every per-form listing.</summary>
    public static IReadOnlyList<string> FormOrder { get; } = ["active", .. Enum.GetValues<Fidelity>().Select(FidelityNames.Name)];

    /// <summary>What each form means, in the words a reader of the report or summary needs.</summary>
    public string Meaning(string form) => form switch
    {
        "active" => Set.Changed.Count == 0 ? "the solution map, exact text" : "the changed files and a short map, exact text",
        "text" => "exact text",
        "outline" => "signatures, bodies elided",
        "L1" => "page image, full size",
        "L2" => "page image, smaller",
        "L3" => "page image, small",
        "L4" => "page image, smallest",
        "listed" => "named only",
        _ => "not in the context",
    };

    /// <summary>Files that did not get into the context in a readable form (listed or left out), most relevant first.</summary>
    public IReadOnlyList<ManifestFile> LeftOut => [.. Manifest.Files.Where(f => f.Form is "listed" or "excluded").OrderByDescending(f => f.Relevance).ThenBy(f => f.Path, StringComparer.Ordinal)];

    /// <summary>Files carried in some form, the active part's first, then by relevance.</summary>
    public IReadOnlyList<ManifestFile> Carried => [.. Manifest.Files
        .Where(f => f.Form is not ("listed" or "excluded"))
        .OrderByDescending(f => Set.Changed.Any(c => c.Path == f.Path)).ThenByDescending(f => f.Relevance).ThenBy(f => f.Path, StringComparer.Ordinal)];
}
