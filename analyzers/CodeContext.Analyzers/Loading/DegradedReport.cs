namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Says once what fell back and why: projects that share a reason (an SDK the machine lacks, no
/// restore) are one line, not one line each; a repository of 200 projects would otherwise print 200.
/// Unrestored projects are one line whatever each fell back to, and that line says what to run:
/// it is the first thing a newcomer to a fresh clone sees.
/// </summary>
internal static partial class DegradedReport
{
    /// <summary>The reason recorded for a project that uses packages and has no restore output.</summary>
    public const string NotRestored = "not restored (no obj/project.assets.json; run 'dotnet restore')";

    private const int NamesShown = 4;

    /// <param name="restoreCommand">What restores the loaded codebase, quoted (<see cref="RestoreCommand"/>).</param>
    public static void Write(IReadOnlyList<DegradedProject> degraded, TextWriter? log, string restoreCommand)
    {
        if (log is null) return;
        foreach (var line in Lines(degraded, restoreCommand)) log.WriteLine(line);
    }

    public static IEnumerable<string> Lines(IReadOnlyList<DegradedProject> degraded, string restoreCommand)
    {
        var unrestored = degraded.Where(d => d.Reason == NotRestored).ToList();
        if (unrestored.Count > 0)
        {
            var found = unrestored.Sum(d => LocalPackages().Match(d.Fallback) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
            var meanwhile = found > 0 ? $"meanwhile loaded with {found} package assemblies from the local NuGet cache" : "meanwhile loaded without their packages";
            yield return $"codecontext: {Count(unrestored.Count, "project")} not restored ({Names(unrestored, Path.GetFileNameWithoutExtension)}): run {restoreCommand} for the full semantic model; {meanwhile}";
        }

        foreach (var group in degraded.Where(d => d.Reason != NotRestored).GroupBy(d => (Reason: Generalise(d.Reason), d.Fallback)))
        {
            var projects = group.ToList();
            yield return projects.Count == 1
                ? $"codecontext: degraded project {projects[0].RelativePath}: {projects[0].Reason} -> {group.Key.Fallback}"
                : $"codecontext: {projects.Count} projects degraded ({group.Key.Reason}) -> {group.Key.Fallback}: {Names(projects, p => p)}";
        }
    }

    /// <summary>What an unrestored project loaded with instead: package assemblies found in the local NuGet cache, or none.</summary>
    public static string UnrestoredFallback(int localPackageAssemblies) => localPackageAssemblies > 0
        ? $"MSBuild project with {localPackageAssemblies} package assemblies from the local NuGet cache"
        : "MSBuild project without package references";

    /// <summary>
    /// `dotnet restore` for what was loaded, with the path as it reads from the working directory:
    /// the solution, or the one project; for several loose projects, the command to run in each.
    /// </summary>
    public static string RestoreCommand(LoadTarget target) => target.Kind != LoadTargetKind.LooseFiles && target.Paths.Count == 1
        ? $"'dotnet restore {Quoted(Path.GetRelativePath(Environment.CurrentDirectory, target.Paths[0]))}'"
        : "'dotnet restore' in each project's folder";

    private static string Quoted(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Names(IReadOnlyList<DegradedProject> projects, Func<string, string> name) =>
        string.Join(", ", projects.Take(NamesShown).Select(p => name(p.RelativePath))) + (projects.Count > NamesShown ? $" and {projects.Count - NamesShown} more" : "");

    /// <summary>A reason without the project's own path in it, so that the same cause groups.</summary>
    private static string Generalise(string reason) => ProjectFilePath().Replace(reason, "<project>");

    [System.Text.RegularExpressions.GeneratedRegex(@"^MSBuild project with (\d+) package assemblies")]
    private static partial System.Text.RegularExpressions.Regex LocalPackages();

    [System.Text.RegularExpressions.GeneratedRegex(@"\S*\.(?:csproj|props|targets|proj)\b\S*")]
    private static partial System.Text.RegularExpressions.Regex ProjectFilePath();
}
