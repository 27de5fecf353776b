using CodeContext.Core;

namespace CodeContext.Analyzers.Loading;

internal enum LoadTargetKind { Solution, Projects, LooseFiles }

/// <summary>What a user-given path turned out to be, and the folder results are relative to.</summary>
internal sealed record LoadTarget(LoadTargetKind Kind, string RootDirectory, IReadOnlyList<string> Paths)
{
    private static readonly string[] SolutionExtensions = [".sln", ".slnx"];
    private static readonly HashSet<string> NeverDescendInto =
        new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", ".vs", "node_modules", "packages", "artifacts" };

    /// <summary>
    /// A .sln/.slnx/.csproj is taken as is. A folder: its top-level solution; several at the top
    /// level or none there but several below: fail listing them; none: every .csproj below; none of
    /// those either: the loose .cs files.
    /// </summary>
    public static LoadTarget Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var extension = Path.GetExtension(full).ToLowerInvariant();
            var directory = Path.GetDirectoryName(full)!;
            if (SolutionExtensions.Contains(extension)) return new(LoadTargetKind.Solution, directory, [full]);
            if (extension == ".csproj") return new(LoadTargetKind.Projects, directory, [full]);
            throw new UserError($"'{path}' is not a .sln, .slnx, .csproj or folder");
        }

        if (!Directory.Exists(full)) throw new UserError($"'{path}' does not exist");

        var topSolutions = SolutionExtensions
            .SelectMany(e => Directory.EnumerateFiles(full, "*" + e, SearchOption.TopDirectoryOnly))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (topSolutions.Count == 1) return new(LoadTargetKind.Solution, full, topSolutions);
        if (topSolutions.Count > 1)
            throw new UserError(
                $"'{path}' holds several solutions; name one: {string.Join(", ", topSolutions.Select(Path.GetFileName))}");

        var nestedSolutions = EnumerateSourceTree(full, SolutionExtensions).ToList();
        if (nestedSolutions.Count == 1) return new(LoadTargetKind.Solution, full, nestedSolutions);
        if (nestedSolutions.Count > 1)
            throw new UserError(
                $"'{path}' holds several solutions below it; name one: {string.Join(", ", nestedSolutions.Select(s => RepoPath.Relative(full, s)))}");

        var projects = EnumerateSourceTree(full, [".csproj"]).ToList();
        if (projects.Count > 0) return new(LoadTargetKind.Projects, full, projects);

        var looseFiles = EnumerateSourceTree(full, [".cs"]).ToList();
        if (looseFiles.Count > 0) return new(LoadTargetKind.LooseFiles, full, looseFiles);

        throw new UserError($"'{path}' holds no solution, project or C# file");
    }

    /// <summary>
    /// Files with one of the extensions below a folder, never inside build output or VCS folders nor
    /// through a folder link. Only regular files unless <paramref name="regularOnly"/> is off (to
    /// report the others): a FIFO named like a project or source file blocks whoever opens it.
    /// </summary>
    public static IEnumerable<string> EnumerateSourceTree(string root, IReadOnlyCollection<string> extensions, bool regularOnly = true)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<string> files, subdirectories;
            try
            {
                files = Directory.EnumerateFiles(directory).ToList();
                subdirectories = Directory.EnumerateDirectories(directory).ToList();
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                continue;
            }

            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                if (extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && (!regularOnly || CodeContext.Core.Sources.RegularFile.Is(file))) yield return file;
            }

            foreach (var sub in subdirectories.OrderDescending(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(sub);
                if (NeverDescendInto.Contains(name)) continue;
                if (new DirectoryInfo(sub).LinkTarget is not null) continue;
                pending.Push(sub);
            }
        }
    }
}
