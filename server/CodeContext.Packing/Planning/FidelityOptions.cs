using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Planning;

/// <summary>One option of a candidate: a form, its (estimated) token cost and its value.</summary>
public readonly record struct FidelityOption(Fidelity Form, double Cost, double Value);

/// <summary>A candidate's options on the fidelity ladder and the upper convex hull the planner climbs.</summary>
public static class FidelityOptions
{
    /// <summary>Every form a candidate can take, with its (estimated) cost and its value: relevance (with a floor) times the form's fidelity, and more for exact forms of what the active file uses.</summary>
    public static IReadOnlyList<FidelityOption> Of(Candidate c, ModelProfile profile, ImageCostEstimator images, PlannerSettings settings)
    {
        var weight = c.Relevance + settings.RelevanceFloor;
        var exactness = c.DirectUse ? c.Relevance * settings.DirectUseExactness : 0;
        var options = new List<FidelityOption> { new(Fidelity.Excluded, 0, 0) };
        if (c.ListedLine is not null)
        {
            options.Add(new FidelityOption(Fidelity.Listed, c.ListedTokens, weight * settings.FidelityOf(Fidelity.Listed, profile)));
        }

        foreach (var level in images.Levels)
        {
            options.Add(new FidelityOption(level, images.Estimate(c, level), weight * settings.FidelityOf(level, profile)));
        }

        if (c.OutlineSegment is not null)
        {
            // An outline is worth the share of the slice's names it keeps, up to what an outline without bodies can be worth.
            options.Add(new FidelityOption(Fidelity.Outline, c.OutlineTokens, weight * settings.OutlineFidelityOf(c) + exactness));
        }

        options.Add(new FidelityOption(Fidelity.Text, c.TextTokens, weight + exactness));
        return options;
    }

    /// <summary>Options on the upper convex hull of (cost, value), cheapest first, starting at "excluded".</summary>
    public static List<FidelityOption> Hull(IEnumerable<FidelityOption> options)
    {
        var sorted = options.OrderBy(o => o.Cost).ThenByDescending(o => o.Value).ToList();
        var hull = new List<FidelityOption>();
        foreach (var option in sorted)
        {
            if (hull.Count > 0 && option.Value <= hull[^1].Value)
            {
                continue;
            }

            while (hull.Count >= 2 && Cross(hull[^2], hull[^1], option) >= 0)
            {
                hull.RemoveAt(hull.Count - 1);
            }

            hull.Add(option);
        }

        return hull;
    }

    // > 0 when b lies below the line from a to c (b is not on the upper hull).
    private static double Cross(FidelityOption a, FidelityOption b, FidelityOption c) =>
        (b.Cost - a.Cost) * (c.Value - a.Value) - (b.Value - a.Value) * (c.Cost - a.Cost);
}
