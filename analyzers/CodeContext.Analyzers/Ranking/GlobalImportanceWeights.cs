using System.Text.Json;

namespace CodeContext.Analyzers.Ranking;

/// <summary>The whole-repository ranking's numbers, loaded from the embedded global-importance.json.</summary>
public sealed record GlobalImportanceWeights
{
    public required GlobalSeedShares SeedShares { get; init; }
    public double Damping { get; init; }
    public int Iterations { get; init; }
    public double TestFactor { get; init; }
    public int ChurnCommits { get; init; }
    public int MaxFilesPerCommit { get; init; }

    public static GlobalImportanceWeights Default { get; } = LoadEmbedded();

    private static GlobalImportanceWeights LoadEmbedded()
    {
        using var stream = typeof(GlobalImportanceWeights).Assembly.GetManifestResourceStream("CodeContext.Analyzers.Ranking.global-importance.json")
            ?? throw new InvalidOperationException("global-importance.json is not embedded");
        return JsonSerializer.Deserialize<GlobalImportanceWeights>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("global-importance.json is empty");
    }
}

/// <summary>Shares of the restart vector; they need not sum to one (it is normalised).</summary>
public sealed record GlobalSeedShares(double Base, double EntryPoint, double PublicSurface, double Churn);
