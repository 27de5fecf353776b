namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Says once what fell back and why: projects that share a reason (an SDK the machine lacks, no
/// restore) are one line, not one line each; a repository of 200 projects would otherwise print 200.
/// </summary>
internal static partial class DegradedReport
{
    private const int NamesShown = 4;

    public static void Write(IReadOnlyList<DegradedProject> degraded, TextWriter? log)
    {
        if (log is null) return;
        foreach (var group in degraded.GroupBy(d => (Reason: Generalise(d.Reason), d.Fallback)))
        {
            var names = group.Select(d => d.RelativePath).ToList();
            var shown = string.Join(", ", names.Take(NamesShown)) + (names.Count > NamesShown ? $" and {names.Count - NamesShown} more" : "");
            log.WriteLine(names.Count == 1
                ? $"codecontext: degraded project {shown}: {group.First().Reason} -> {group.Key.Fallback}"
                : $"codecontext: {names.Count} projects degraded ({group.Key.Reason}) -> {group.Key.Fallback}: {shown}");
        }
    }

    /// <summary>A reason without the project's own path in it, so that the same cause groups.</summary>
    private static string Generalise(string reason) => ProjectFilePath().Replace(reason, "<project>");

    [System.Text.RegularExpressions.GeneratedRegex(@"\S*\.(?:csproj|props|targets|proj)\b\S*")]
    private static partial System.Text.RegularExpressions.Regex ProjectFilePath();
}
