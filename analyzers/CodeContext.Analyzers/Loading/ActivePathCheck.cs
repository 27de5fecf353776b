using CodeContext.Core;

namespace CodeContext.Analyzers.Loading;

/// <summary>
/// Checks the active files a command names before the codebase is loaded. Loading and binding a
/// large solution takes minutes; an active path that cannot be in it (given from the repository's
/// root while the solution sits in a subfolder, or a typo) used to fail only when composing began.
/// The paths resolve as <see cref="LoadedWorkspace.ResolveActive"/> resolves them: absolute, else
/// relative to the loaded root, else to the current directory; a file must exist under the root.
/// </summary>
public static class ActivePathCheck
{
    public static void BeforeLoad(string codebasePath, IEnumerable<string> activePaths)
    {
        var root = LoadTarget.Resolve(codebasePath).RootDirectory;
        foreach (var active in activePaths)
        {
            // An empty path gets its own message from the resolver after the load.
            if (string.IsNullOrWhiteSpace(active)) continue;
            var candidates = LoadedWorkspace.Candidates(root, active);
            if (candidates.Any(c => RepoPath.IsUnder(root, c) && File.Exists(c))) continue;

            throw new UserError(candidates.FirstOrDefault(File.Exists) is { } outside
                ? $"'{active}' is outside the loaded codebase ({root}): name a file under it, relative to it or absolute (found {outside})"
                : $"'{active}' is not a file under the loaded codebase ({root}); paths are relative to it or absolute");
        }
    }
}
