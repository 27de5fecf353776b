using System.Text;
using System.Text.Json;
using CodeContext.Core;
using CodeContext.Core.Caching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// What MSBuild told us about a codebase's projects (documents, references, options), saved so that
/// a later run over an unchanged tree rebuilds the same snapshot in milliseconds instead of
/// re-evaluating every project. Valid while the solution and project files, the build props, the
/// restore outputs and the set of C# files are unchanged.
/// </summary>
internal sealed class ProjectModelCache(CacheDirectory cache)
{
    // 2: multi-targeted projects may be evaluated for one pinned framework (TargetFrameworkChoice.Pinned);
    //    signing options are kept (InternalsVisibleTo with a public key depends on them).
    // 3: projects come from evaluation alone; the sources the build would generate are kept as text.
    private const int FormatVersion = 4;

    /// <summary>One file per load target, never trimmed: losing it costs every project's evaluation.</summary>
    public static readonly CacheArea Area = new("projects", CacheEntryShape.File, Sharded: false, Trimmed: false, ".json");

    private readonly CacheStore _store = new(cache, Area);

    private static readonly string[] BuildInputs = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    public (Solution Solution, IReadOnlyList<DegradedProject> Degraded, string Mode, IReadOnlyDictionary<string, IReadOnlyList<string>> Frameworks)? TryLoad(LoadTarget target, IReadOnlyList<string> projectPaths, SourceLedger sources)
    {
        // Any entry that cannot be used (unreadable, from another version, inconsistent) is a miss and
        // is rebuilt and overwritten: a cache may cost time, never a failed load.
        var restored = _store.TryRead(KeyOf(target), bytes =>
        {
            var model = JsonSerializer.Deserialize<Model>(bytes);
            if (model is null || model.Version != FormatVersion || model.Key != Key(target, projectPaths)) return null;
            if (model.Projects.SelectMany(p => p.MetadataReferences).Any(r => !File.Exists(r))) return null;
            return new Restored(ProjectModel.ToSolution(model.Projects, sources), model.Degraded, model.Mode, ProjectModel.EvaluatedFrameworks(model.Projects));
        });
        return restored is null ? null : (restored.Solution, restored.Degraded, restored.Mode, restored.Frameworks);
    }

    public void Save(LoadTarget target, IReadOnlyList<string> projectPaths, IReadOnlyList<ProjectModel> projects, IReadOnlyList<DegradedProject> degraded, string mode)
    {
        var model = new Model(FormatVersion, Key(target, projectPaths), mode, [.. degraded], [.. projects]);
        _store.TryWrite(KeyOf(target), JsonSerializer.SerializeToUtf8Bytes(model));
    }

    /// <summary>Everything whose change could change what MSBuild would say about the projects.</summary>
    private static string Key(LoadTarget target, IReadOnlyList<string> projectPaths)
    {
        var key = new StringBuilder();
        key.Append(target.Kind).Append('|').AppendJoin('|', target.Paths).Append('\n');
        foreach (var file in target.Paths.Concat(projectPaths).Concat(BuildInputFiles(target.RootDirectory, projectPaths)).Distinct(StringComparer.Ordinal))
        {
            key.Append(file).Append('=').Append(File.Exists(file) ? ContentHash.Of(File.ReadAllBytes(file)) : "-").Append('\n');
        }
        var restore = RestoreOutputs.For(projectPaths);
        foreach (var assets in projectPaths.SelectMany(restore.AssetsFiles))
            key.Append(assets).Append('@').Append(File.Exists(assets) ? File.GetLastWriteTimeUtc(assets).Ticks : 0).Append('\n');
        foreach (var file in LoadTarget.EnumerateSourceTree(target.RootDirectory, [".cs"])) key.Append(file).Append('\n');
        return ContentHash.Of(key.ToString());
    }

    private static IEnumerable<string> BuildInputFiles(string root, IReadOnlyList<string> projectPaths)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in projectPaths.Select(Path.GetDirectoryName).OfType<string>().Append(root))
        {
            for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir)) folders.Add(dir);
        }
        return folders.SelectMany(folder => BuildInputs.Select(name => Path.Combine(folder, name))).Where(File.Exists);
    }

    private static string KeyOf(LoadTarget target) =>
        ContentHash.Of(target.Kind + "|" + string.Join('|', target.Paths) + "|" + target.RootDirectory)[..24];

    private sealed record Restored(Solution Solution, IReadOnlyList<DegradedProject> Degraded, string Mode, IReadOnlyDictionary<string, IReadOnlyList<string>> Frameworks);

    private sealed record Model(int Version, string Key, string Mode, List<DegradedProject> Degraded, List<ProjectModel> Projects);
}
