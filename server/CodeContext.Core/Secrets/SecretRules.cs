using System.Text.Json;
using System.Text.RegularExpressions;

namespace CodeContext.Core.Secrets;

/// <summary>The secret rules (Secrets/secret-rules.json, embedded): value patterns and file rules.</summary>
public sealed class SecretRules
{
    private static readonly Lazy<SecretRules> Bundled = new(Load);

    private SecretRules(string fingerprint, IReadOnlyList<(string Id, Regex Regex)> patterns, IReadOnlyList<FileRule> fileNames, IReadOnlyList<FileRule> contentChecked, IReadOnlyList<string> configMarkers)
    {
        Fingerprint = fingerprint;
        Patterns = patterns;
        FileNames = fileNames;
        ContentChecked = contentChecked;
        ConfigMarkers = configMarkers;
    }

    public static SecretRules Default => Bundled.Value;

    /// <summary>Why a file of this name is never read into the context (a key, an environment file...); null when its name says nothing.</summary>
    public static string? FileNameReason(string fileName)
    {
        // "id_rsa.cs" or ".env.cs" is still the key or the environment file: the name before a source extension counts too.
        var withoutSource = Path.GetExtension(fileName).Equals(".cs", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(fileName) : fileName;
        return Default.FileNames.FirstOrDefault(r => r.Matches(fileName) || r.Matches(withoutSource))?.Reason;
    }

    /// <summary>
    /// A hash of the rule file as embedded: cached scan results are keyed by it, so any change to a
    /// pattern (or to this file at all) makes every file be scanned again.
    /// </summary>
    public string Fingerprint { get; }

    internal IReadOnlyList<(string Id, Regex Regex)> Patterns { get; }
    internal IReadOnlyList<FileRule> FileNames { get; }
    internal IReadOnlyList<FileRule> ContentChecked { get; }
    internal IReadOnlyList<string> ConfigMarkers { get; }

    private static SecretRules Load()
    {
        using var stream = typeof(SecretRules).Assembly.GetManifestResourceStream("CodeContext.Core.Secrets.secret-rules.json")
            ?? throw new InvalidOperationException("secret-rules.json is not embedded");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var file = JsonSerializer.Deserialize<RulesFile>(bytes.ToArray(), options) ?? throw new InvalidOperationException("secret-rules.json is empty");
        var patterns = file.Patterns
            .Select(p => (p.Id, new Regex(p.Regex, RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2))))
            .ToList();
        return new SecretRules(ContentHash.Of(bytes.ToArray()), patterns, file.FileNames, file.ContentChecked, file.ConfigMarkers);
    }

    private sealed record RulesFile(List<PatternRule> Patterns, List<FileRule> FileNames, List<FileRule> ContentChecked, List<string> ConfigMarkers);

    private sealed record PatternRule(string Id, string Regex);
}

/// <summary>A file-name glob (<c>*</c> only) and the reason shown when it matches.</summary>
internal sealed record FileRule(string Glob, string Reason)
{
    public bool Matches(string fileName) =>
        System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(Glob, fileName, ignoreCase: true);
}
