using System.Text.RegularExpressions;
using CodeContext.Core;
using CodeContext.Core.Sources;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Evaluating a project is running its code: property functions execute, SDKs named with a version
/// are fetched through NuGet. Loading a repository must be offline and side-effect free, so
/// evaluation here (1) never resolves an SDK through NuGet (no feed is asked, nothing downloaded or
/// imported from a package; a project that needs one falls back to syntax-only), (2) never runs a
/// repository whose own MSBuild files call a property function that writes (MSBuild's allow-list
/// still admits <c>[System.IO.Path]::GetTempFileName()</c>, which creates a file), and (3) gives
/// each project a time limit (a regular expression that backtracks forever, a glob over the whole
/// disk), after which the project falls back to syntax-only.
/// </summary>
internal static partial class EvaluationSandbox
{
    /// <summary>One project's evaluation may take this long; then it is abandoned and loaded syntax-only.</summary>
    public static readonly TimeSpan PerProject = TimeSpan.FromSeconds(20);

    /// <summary>All evaluation together: projects not started by then are loaded syntax-only.</summary>
    public static readonly TimeSpan Overall = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Process-wide switches MSBuild reads once, before its first evaluation: the NuGet SDK
    /// resolver's own off switch, and no escape from the property-function allow-list.
    /// </summary>
    public static void ConfigureProcess()
    {
        Environment.SetEnvironmentVariable("MSBUILDDISABLENUGETSDKRESOLVER", "1");
        Environment.SetEnvironmentVariable("MSBUILDENABLEALLPROPERTYFUNCTIONS", null);
        Environment.SetEnvironmentVariable("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
    }

    // Property functions MSBuild allows that change the machine. The allow-list admits every
    // System.IO.Path method, GetTempFileName included; the rest are refused by MSBuild itself
    // unless all property functions are enabled, which ConfigureProcess prevents.
    [GeneratedRegex(@"\[\s*(?:System\.)?IO\.Path\s*\]\s*::\s*GetTempFileName|\[\s*(?:System\.)?IO\.(?:File|Directory)\s*\]\s*::\s*(?:Write|Append|Create|Delete|Move|Copy|Replace|Set)\w*|\[\s*(?:System\.)?Environment\s*\]\s*::\s*(?:SetEnvironmentVariable|Exit|FailFast)", RegexOptions.IgnoreCase)]
    private static partial Regex WritingFunction();

    private static readonly string[] MsBuildExtensions = [".props", ".targets", ".csproj", ".proj"];

    /// <summary>
    /// Project path -> why it is not evaluated. A repository MSBuild file that calls a writing
    /// property function taints its project, or, when it is an import (.props/.targets), every project.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Refused(SourceGate gate, IReadOnlyList<string> projectPaths)
    {
        var root = gate.Root;
        string? everyProject = null;
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in LoadTarget.EnumerateSourceTree(root, MsBuildExtensions).Concat(projectPaths).Distinct(StringComparer.Ordinal))
        {
            if (gate.ReasonNotToRead(file) is not null) continue;
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (WritingFunction().Match(text) is not { Success: true } call) continue;
            var reason = $"{RepoPath.Relative(root, file)} calls {call.Value.Replace(" ", "", StringComparison.Ordinal)}, which writes to the machine: not evaluated";
            if (file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".proj", StringComparison.OrdinalIgnoreCase)) refused[file] = reason;
            else everyProject ??= reason;
        }

        if (everyProject is not null)
        {
            foreach (var project in projectPaths) refused[project] = everyProject;
        }

        return refused;
    }
}
