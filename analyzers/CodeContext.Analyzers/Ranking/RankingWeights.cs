using System.Text.Json;
using System.Text.Json.Serialization;
using CodeContext.Analyzers.Graph;

namespace CodeContext.Analyzers.Ranking;

/// <summary>The ranking's tunable numbers, loaded from the embedded ranking-weights.json.</summary>
public sealed record RankingWeights
{
    public required Dictionary<EdgeKind, double> EdgeWeights { get; init; }
    public double ReverseFactor { get; init; }
    public double HubDamping { get; init; }
    public double Damping { get; init; }
    public int Iterations { get; init; }
    public required SeedShares SeedShares { get; init; }
    public required SignalWeights SignalWeights { get; init; }
    public required Bm25Parameters Bm25 { get; init; }
    public required CoChangeParameters CoChange { get; init; }
    public int ReasonsPerFile { get; init; }

    /// <summary>How far a focused analysis binds: the top files of each round's ranking, for this many rounds.</summary>
    public FocusParameters Focus { get; init; } = new(32, 2, 4, 300);

    /// <summary>"max": each signal scaled by its maximum, then summed; "rrf": reciprocal rank fusion.</summary>
    public string Fusion { get; init; } = "max";

    /// <summary>The k of reciprocal rank fusion: larger flattens the advantage of the very top ranks.</summary>
    public double RrfK { get; init; } = 10;

    /// <summary>How much a shared folder adds to a shared name in <see cref="PathProximity"/> (a name counts 1).</summary>
    public double FolderShare { get; init; } = 0.5;

    /// <summary>In <see cref="PathProximity"/>, a name many files carry ties files of other projects only by a share.</summary>
    public bool RareNames { get; init; }

    /// <summary>A member of the active file at the cursor also points at the files it uses (its callees), not only at its callers.</summary>
    public bool MemberFocus { get; init; }

    /// <summary>What the same project folder adds in <see cref="PathProximity"/> (a name counts 1).</summary>
    public double ProjectShare { get; init; }

    /// <summary>The weight, in the fusion, of the files the request points at besides the active one (cursor, question, recent).</summary>
    public double HintWeight { get; init; }

    /// <summary>A question naming types declared in more files than this points at none of them (too vague).</summary>
    public int HintMaxQueryFiles { get; init; } = 3;

    /// <summary>Candidate signal mixes to learn among from the codebase's own history; null: the mix above stays.</summary>
    public MixLearning? MixLearning { get; init; }

    public static RankingWeights Default { get; } = LoadEmbedded();

    private static RankingWeights LoadEmbedded()
    {
        using var stream = typeof(RankingWeights).Assembly.GetManifestResourceStream("CodeContext.Analyzers.Ranking.ranking-weights.json")
            ?? throw new InvalidOperationException("ranking-weights.json is not embedded");
        return Load(stream);
    }

    /// <summary>Weights in the shape of ranking-weights.json (the benchmark's candidates).</summary>
    public static RankingWeights Load(Stream stream)
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };
        return JsonSerializer.Deserialize<RankingWeights>(stream, options) ?? throw new InvalidOperationException("ranking-weights.json is empty");
    }
}

public sealed record SeedShares(double Active, double Cursor, double Recent, double Query);

public sealed record SignalWeights(double Graph, double Lexical, double CoChange)
{
    /// <summary>Name and folder likeness to the active file (<see cref="PathProximity"/>).</summary>
    public double Path { get; init; }

    /// <summary>How much each file changed lately, whatever the active file (<see cref="CoChangeHistory.Churn"/>).</summary>
    public double Churn { get; init; }

    /// <summary>
    /// A second lexical rank list, BM25 with each query term weighted again by its rarity
    /// (<see cref="Bm25Index.RarityWeighted"/>): a name few files share ties files more than one
    /// most files use.
    /// </summary>
    public double RareLexical { get; init; }
}

public sealed record Bm25Parameters(double K1, double B);

public sealed record CoChangeParameters(int MaxCommits, int MaxFilesPerCommit)
{
    /// <summary>A commit this many commits older than the newest counted weighs half, for co-change and churn (0: all alike).</summary>
    public double HalfLife { get; init; }
}

/// <param name="Files">How many of the ranking's top files a round binds.</param>
/// <param name="MinToBind">
/// A round binds only when at least this many of them are unbound (the request's own files always
/// are bound): binding costs the compilations' set-up whatever the number of files, seconds on a
/// large codebase, which one or two files near the cut-off do not repay.
/// </param>
/// <param name="MinFiles">Smaller codebases are bound whole unless a focus is asked for explicitly: it costs seconds at most.</param>
public sealed record FocusParameters(int Files, int Rounds, int MinToBind, int MinFiles);

/// <param name="Commits">How many recent commits of 2-8 files label the candidates.</param>
/// <param name="MinQueries">Fewer labelled queries than this say too little: the shipped mix stays.</param>
/// <param name="MinGain">A candidate must beat the best so far by this much recall@10 (noise is not a lesson).</param>
/// <param name="Candidates">The shipped mix first.</param>
public sealed record MixLearning(int Commits, int MinQueries, double MinGain, IReadOnlyList<SignalWeights> Candidates)
{
    /// <summary>
    /// The share of the labelled commits, the most recent, held out: a mix learned on the rest is
    /// kept only when it also beats the first candidate on them by <see cref="MinGain"/>. 0: no guard.
    /// </summary>
    public double HoldOut { get; init; }
}
