using System.Text.RegularExpressions;

namespace CodeContext.Packing;

/// <summary>
/// One "why" for a file cut into slices. Slices usually got their form for the same reason and
/// differ only in token counts: said once per reason, for all the slices it applies to, with the
/// counts as a range ("lines 1-135, 136-250: L1: text needed about 913 to 1120 more tokens than
/// were left"), instead of the same sentence once per slice.
/// </summary>
internal static partial class SliceWhy
{
    public static string Combine(IReadOnlyList<(int StartLine, int EndLine, string Why)> slices)
    {
        var clauses = slices
            .GroupBy(s => WholeNumber().Replace(s.Why, "#"))
            .Select(g => $"lines {string.Join(", ", g.Select(s => $"{s.StartLine}-{s.EndLine}"))}: {WithRanges(g.Key, [.. g.Select(s => s.Why)])}");
        return $"{slices.Count} slices at member boundaries; " + string.Join("; ", clauses);
    }

    /// <summary>The template with each count filled in: the count itself where the slices agree, else "least to most".</summary>
    private static string WithRanges(string template, IReadOnlyList<string> whys)
    {
        var counts = whys.Select(w => WholeNumber().Matches(w).Select(m => long.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList()).ToList();
        var position = 0;
        return Placeholder().Replace(template, _ =>
        {
            var values = counts.Select(c => c[position]).ToList();
            position++;
            var (least, most) = (values.Min(), values.Max());
            return least == most ? $"{least}" : $"{least} to {most}";
        });
    }

    /// <summary>A whole number standing alone: not part of a name (L1), a decimal or an exponent (those stay in the template).</summary>
    [GeneratedRegex(@"(?<![\w.,+-])\d+(?![\w.,])")]
    private static partial Regex WholeNumber();

    [GeneratedRegex("#")]
    private static partial Regex Placeholder();
}
