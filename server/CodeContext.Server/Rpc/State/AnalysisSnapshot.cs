using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;
using CodeContext.Core.Sources;

namespace CodeContext.Server.Rpc.State;

/// <summary>One immutable analysis, as every read request sees it from start to end.</summary>
internal sealed class AnalysisSnapshot(CodebaseAnalysis analysis, long sequence)
{
    private readonly string _realRoot = RealPath.Resolve(analysis.Workspace.RootDirectory);

    public CodebaseAnalysis Analysis { get; } = analysis;

    /// <summary>The last mutation this snapshot includes.</summary>
    public long Sequence { get; } = sequence;

    public string RealRoot => _realRoot;

    /// <summary>The relative path of a physical path, when it lies under the loaded root.</summary>
    public string? RelativePath(string realPath) =>
        RepoPath.IsUnder(_realRoot, realPath) ? RepoPath.Relative(_realRoot, realPath) : null;

    /// <summary>The context file at a physical path; throws InvalidParams naming the field when it is none.</summary>
    public SourceFile File(string realPath, string field)
    {
        var relative = RelativePath(realPath)
            ?? throw RequestErrors.InvalidParams($"{field} '{realPath}' is outside the loaded codebase ({Analysis.Workspace.RootDirectory})");
        var file = Analysis.Workspace.FindByRelativePath(relative);
        if (file is not null) return file;
        var skipped = Analysis.Workspace.Skipped.FirstOrDefault(s => s.RelativePath == relative);
        throw RequestErrors.InvalidParams(skipped is not null
            ? $"{field} '{relative}' is not context: {skipped.Reason}"
            : $"{field} '{relative}' is not a C# file of the loaded codebase");
    }

    public string Uri(string relativePath) => WorkspacePaths.ToUri(_realRoot, relativePath);
}
