namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Where a project's restore output (project.assets.json) lives: obj/ next to the project, or
/// artifacts/obj/&lt;project&gt;/ when a Directory.Build.props turns on the artifacts layout. A props
/// file that moves these folders itself makes the answer unknown.
/// </summary>
internal sealed class RestoreOutputs
{
    private static readonly string[] MovedOutputProperties = ["BaseIntermediateOutputPath", "MSBuildProjectExtensionsPath", "ArtifactsPath"];
    private readonly string? _artifactsRoot;

    private RestoreOutputs(bool known, string? artifactsRoot)
    {
        Known = known;
        _artifactsRoot = artifactsRoot;
    }

    /// <summary>False when a build props file moves the intermediate folders: restore state cannot be read.</summary>
    public bool Known { get; }

    public static RestoreOutputs For(IEnumerable<string> projectPaths)
    {
        var known = true;
        string? artifactsRoot = null;
        foreach (var props in BuildProps(projectPaths))
        {
            string text;
            try { text = File.ReadAllText(props); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { known = false; continue; }
            if (MovedOutputProperties.Any(p => text.Contains(p, StringComparison.Ordinal))) known = false;
            if (text.Contains("UseArtifactsOutput", StringComparison.Ordinal)) artifactsRoot ??= Path.Combine(Path.GetDirectoryName(props)!, "artifacts");
        }
        return new RestoreOutputs(known, artifactsRoot);
    }

    public bool IsRestored(string projectPath) => AssetsFiles(projectPath).Any(File.Exists);

    /// <summary>Where the project's project.assets.json may be.</summary>
    public IEnumerable<string> AssetsFiles(string projectPath)
    {
        yield return Path.Combine(Path.GetDirectoryName(projectPath)!, "obj", "project.assets.json");
        if (_artifactsRoot is not null)
            yield return Path.Combine(_artifactsRoot, "obj", Path.GetFileNameWithoutExtension(projectPath), "project.assets.json");
    }

    private static IEnumerable<string> BuildProps(IEnumerable<string> projectPaths)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in projectPaths.Select(Path.GetDirectoryName).OfType<string>())
        {
            for (var dir = start; dir is not null && folders.Add(dir); dir = Path.GetDirectoryName(dir)) { }
        }
        return folders.Select(f => Path.Combine(f, "Directory.Build.props")).Where(File.Exists);
    }
}
