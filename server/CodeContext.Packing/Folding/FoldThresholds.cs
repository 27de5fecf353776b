using System.Text.Json;

namespace CodeContext.Packing.Folding;

/// <summary>
/// The folding ladder as data (fold-thresholds.json): per age, the densest form a turn may still
/// take. Forms in order: text, L1..L4 (page images, densest last), summary (one line), dropped.
/// </summary>
public sealed record FoldThresholds
{
    public static readonly IReadOnlyList<string> Forms = ["text", "L1", "L2", "L3", "L4", "summary", "dropped"];

    public required IReadOnlyList<FoldStep> Steps { get; init; }

    /// <summary>Length of a summary line's excerpt of the turn.</summary>
    public int SummaryChars { get; init; } = 120;

    /// <summary>Largest share of an ask's budget the folded conversation may take.</summary>
    public double HistoryShare { get; init; } = 0.3;

    public static FoldThresholds Default { get; } = Load();

    /// <summary>The form the ladder gives a turn of this age (0: the newest).</summary>
    public string FormFor(int age) => Steps.First(s => age <= s.MaxAge).Form;

    private static FoldThresholds Load()
    {
        using var stream = typeof(FoldThresholds).Assembly.GetManifestResourceStream("CodeContext.Packing.Folding.fold-thresholds.json")
            ?? throw new InvalidOperationException("fold-thresholds.json is not embedded");
        var thresholds = JsonSerializer.Deserialize<FoldThresholds>(stream, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })
            ?? throw new InvalidOperationException("fold-thresholds.json is empty");
        if (thresholds.Steps.Any(s => !Forms.Contains(s.Form)) || thresholds.Steps[0].Form != "text")
            throw new InvalidOperationException("fold-thresholds.json: every step needs a known form, the first one text");
        return thresholds;
    }
}

public sealed record FoldStep(int MaxAge, string Form);
