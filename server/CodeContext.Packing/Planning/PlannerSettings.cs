using System.Text.Json;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Planning;

/// <summary>The planner's data (Planning/planner.json, embedded): fidelity of forms and slicing thresholds.</summary>
public sealed record PlannerSettings
{
    private static readonly Lazy<PlannerSettings> Bundled = new(Load);

    public static PlannerSettings Default => Bundled.Value;

    /// <summary>
    /// The most an outline is worth, whatever share of the slice's names it keeps: it never
    /// carries the bodies an edit changes. A slice's outline is worth the lesser of this and
    /// <see cref="Candidate.OutlineShare"/>.
    /// </summary>
    public required double OutlineFidelity { get; init; }

    public required double ListedFidelity { get; init; }
    public required IReadOnlyDictionary<string, double> LevelFidelityWhenUnmeasured { get; init; }

    /// <summary>
    /// Characters of a typical identifier: an image level whose characters are read right with
    /// probability p reads a name right with probability p^n, and that is the level's fidelity.
    /// </summary>
    public required double IdentifierCharacters { get; init; }

    /// <summary>Added to every relevance so that unrelated files are still listed when tokens are left.</summary>
    public required double RelevanceFloor { get; init; }

    /// <summary>Files whose text costs more than this are split into slices at member boundaries.</summary>
    public required int SliceAboveTokens { get; init; }

    /// <summary>Target lines per slice.</summary>
    public required int SliceLines { get; init; }

    /// <summary>Largest share of the budget the active file takes as exact text; the rest of a larger one goes on the ladder.</summary>
    public required double ActiveShare { get; init; }

    /// <summary>
    /// Extra value, as a share of relevance, of an exact form (text or outline: both carry the
    /// declarations' exact spelling) of a file the active file uses directly.
    /// </summary>
    public required double DirectUseExactness { get; init; }

    /// <summary>
    /// Share of the planned budget kept for breadth: after the value-per-token fill, the files it
    /// left out, most relevant first, take their cheapest image level or outline until this share
    /// is spent (<see cref="BudgetPlanner.Spread"/>).
    /// </summary>
    public required double BreadthShare { get; init; }

    /// <summary>
    /// What a file on a dense page is worth to breadth at least, as a share of its relevance: the
    /// model knows the file is there and can read any region of it back exactly. Breadth adds the
    /// files the fill left out while this worth beats what it takes from legible pages
    /// (<see cref="BudgetPlanner.Broaden"/>); 0 turns it off.
    /// </summary>
    public required double BreadthFidelity { get; init; }

    /// <summary>Least share of an upgrade's value its lower form must keep for breadth to undo it (L1 to L2 keeps about 0.95).</summary>
    public required double BreadthKeeps { get; init; }

    /// <summary>What pages keep of XML documentation, per level (L1..L4): legible levels a summary sentence, dense ones nothing.</summary>
    public required IReadOnlyDictionary<string, DocumentationFold> PageDocumentation { get; init; }

    /// <summary>What outlines keep of XML documentation.</summary>
    public required DocumentationFold OutlineDocumentation { get; init; }

    /// <summary>What a page at <paramref name="level"/> keeps of documentation (the summary where planner.json does not say).</summary>
    public DocumentationFold PageDocumentationAt(Fidelity level) =>
        PageDocumentation.TryGetValue(FidelityNames.Level(level), out var fold) ? fold : DocumentationFold.Summary;

    /// <summary>Largest relevance move (0..1) under which a long-lived host keeps its previous plan.</summary>
    public required double KeepPlanWhileRelevanceMovesBelow { get; init; }

    /// <summary>A slice's outline fidelity: the share of its names the outline keeps, at most <see cref="OutlineFidelity"/>.</summary>
    public double OutlineFidelityOf(Candidate candidate) => Math.Min(OutlineFidelity, candidate.OutlineShare);

    /// <summary>Fidelity of a form on a profile: measured for image levels when the profile has it. An outline's is per slice (<see cref="OutlineFidelityOf"/>).</summary>
    public double FidelityOf(Fidelity form, ModelProfile profile)
    {
        switch (form)
        {
            case Fidelity.Text: return 1;
            case Fidelity.Listed: return ListedFidelity;
            case Fidelity.Excluded: return 0;
        }

        var level = FidelityNames.Level(form);
        var measured = profile.Levels.TryGetValue(level, out var found) ? found.Fidelity : double.NaN;
        var characters = double.IsNaN(measured) ? LevelFidelityWhenUnmeasured[level] : measured;
        // Code is read by its names: a name is read right only when every character of it is.
        return Math.Pow(characters, IdentifierCharacters);
    }

    /// <summary>Whether the fidelity of a level comes from the profile's measurement or the paper fallback.</summary>
    public static bool IsMeasured(Fidelity form, ModelProfile profile) =>
        FidelityNames.IsImage(form) && profile.Levels.TryGetValue(FidelityNames.Level(form), out var found) && !double.IsNaN(found.Fidelity);

    private static PlannerSettings Load()
    {
        using var stream = typeof(PlannerSettings).Assembly.GetManifestResourceStream("CodeContext.Packing.Planning.planner.json")
            ?? throw new InvalidOperationException("planner.json is not embedded");
        return JsonSerializer.Deserialize<PlannerSettings>(stream, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } })
            ?? throw new InvalidOperationException("planner.json is empty");
    }
}
