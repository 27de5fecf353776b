using System.Text.RegularExpressions;

namespace CodeContext.Analyzers.Ranking;

/// <summary>
/// Files named and placed alike change together without necessarily using each other: a test and
/// its subject (OrderService, OrderServiceTests), sync and async twins (RetrySyntax,
/// AsyncRetrySyntax), an interface and its implementation (IClock, SystemClock), provider and
/// locale variants side by side in one folder. This signal scores every file by how much of its
/// name and folder it shares with the active file; the symbol graph sees none of these roles when
/// the pair shares no symbol, and BM25 over identifiers only some.
/// </summary>
public sealed partial class PathProximity
{
    // Words that say what role a file plays, not what it is about: "OrderServiceTests" is about
    // an order service. Project and folder names lose the same suffixes (Shop.Tests -> shop).
    private static readonly HashSet<string> RoleWords = new(StringComparer.Ordinal) { "test", "tests", "spec", "specs", "fixture", "fixtures", "async", "sync", "unit", "should" };
    private static readonly HashSet<string> RootFolders = new(StringComparer.Ordinal) { "src", "source", "test", "tests", "lib", "samples", "sample", "unittests", "benchmarks" };

    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")]
    private static partial Regex WordPattern();

    private readonly FileName[] _names;

    // How many files carry each name: a name that many folders repeat (Program, Extensions,
    // GlobalUsings in every service of an application) says little about which one is meant.
    // Counted on first use: a ranker is built on every edit, and the count matters only with RareNames.
    private Dictionary<string, int>? _stemFiles;

    public PathProximity(IReadOnlyList<string> paths) => _names = [.. paths.Select(FileName.Of)];

    /// <summary>Per file, how alike its name (mostly) and folder (a little) are to the active file's; 0 for the active file.</summary>
    public double[] Scores(int active, double folderShare) => Scores(active, new PathParameters(folderShare, RareNames: false, ProjectShare: 0));

    /// <summary>Per file, how alike its name, folder and project are to the active file's; 0 for the active file.</summary>
    public double[] Scores(int active, PathParameters parameters)
    {
        var scores = new double[_names.Length];
        if (active < 0) return scores;
        var self = _names[active];
        for (var i = 0; i < _names.Length; i++)
        {
            if (i == active) continue;
            var other = _names[i];
            var sameProject = self.Project.Length > 0 && self.Project == other.Project;
            var sameStem = self.Stem == other.Stem && self.Stem.Length > 0;
            var name = Jaccard(self.Words, other.Words) + (sameStem ? 1 : 0);
            if (sameStem && parameters.RareNames) name *= StemShare(self.Stem, sameProject);
            var folder = Jaccard(self.Folders, other.Folders);
            scores[i] = name + parameters.FolderShare * folder + (sameProject ? parameters.ProjectShare : 0);
        }
        return scores;
    }

    /// <summary>
    /// The same name twice (a test and its subject, twins) is a strong tie; the same name in many
    /// folders is one only inside the active file's project, and elsewhere shares out.
    /// </summary>
    private double StemShare(string stem, bool sameProject)
    {
        _stemFiles ??= _names.Where(n => n.Stem.Length > 0).GroupBy(n => n.Stem, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var files = _stemFiles.GetValueOrDefault(stem);
        return files <= 2 || sameProject ? 1 : 1.0 / (files - 1);
    }

    /// <summary>The role a file named like the active file plays for it, in a reason's words; null when their names share nothing.</summary>
    public string? Role(int active, int file)
    {
        if (active < 0) return null;
        var (self, other) = (_names[active], _names[file]);
        if (self.Stem.Length == 0 || Jaccard(self.Words, other.Words) == 0) return null;
        if (self.Stem == other.Stem)
        {
            if (other.IsTest != self.IsTest) return other.IsTest ? $"tests {self.Name} by its name" : $"the subject of {self.Name}, by its name";
            if (other.IsAsync != self.IsAsync) return $"the {(other.IsAsync ? "async" : "sync")} twin of {self.Name}";
            if (other.IsInterface != self.IsInterface) return other.IsInterface ? $"the interface of {self.Name}, by its name" : $"implements {self.Name}, by its name";
            return $"the {self.Name} of another folder";
        }
        var shared = string.Join(", ", self.Words.Intersect(other.Words, StringComparer.Ordinal).Take(3));
        return self.Folder == other.Folder ? $"a sibling in the same folder, named alike ({shared})" : $"named alike ({shared})";
    }

    private static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var common = a.Count(b.Contains);
        return common / (double)(a.Count + b.Count - common);
    }

    private sealed record FileName(string Name, string Stem, IReadOnlySet<string> Words, string Folder, IReadOnlySet<string> Folders, string Project, bool IsTest, bool IsAsync, bool IsInterface)
    {
        public static FileName Of(string path)
        {
            var slash = path.LastIndexOf('/');
            var folder = slash < 0 ? "" : path[..slash];
            var file = path[(slash + 1)..];
            // Generic arity and partial-part suffixes (Foo`1.cs, Foo.Async.cs, Foo{T}.cs) name the same type.
            var name = file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? file[..^3] : file;
            var head = name.Split('.', '`', '{', '_')[0];
            var isInterface = head.Length > 2 && head[0] == 'I' && char.IsUpper(head[1]) && char.IsLower(head[2]);
            var words = WordPattern().Matches(isInterface ? head[1..] : head).Select(m => m.Value.ToLowerInvariant()).ToList();
            var isTest = words.Any(w => w is "test" or "tests" or "spec" or "specs" or "fixture") || folder.Contains("test", StringComparison.OrdinalIgnoreCase);
            var isAsync = words.Contains("async") || name.Contains("Async", StringComparison.Ordinal);
            var topical = words.Where(w => !RoleWords.Contains(w)).ToList();
            var folderNames = folder.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => Regex.Replace(f.ToLowerInvariant(), @"\.(unit|integration|functional)?tests?$|\.specs?$", ""))
                .Where(f => !RootFolders.Contains(f))
                .ToList();
            // The first folder below the root folders is, in the usual layout, the project
            // (src/Ordering.API/..., tests/Ordering.UnitTests/... -> "ordering.api", "ordering").
            var project = folderNames.FirstOrDefault() ?? "";
            return new FileName(head, string.Concat(topical), topical.ToHashSet(StringComparer.Ordinal), folder, folderNames.ToHashSet(StringComparer.Ordinal), project, isTest, isAsync, isInterface);
        }
    }
}

/// <param name="FolderShare">What a shared folder adds to a shared name (a name counts 1).</param>
/// <param name="RareNames">A name many files carry ties the active file to another project's file of that name only by a share.</param>
/// <param name="ProjectShare">What the same project folder adds.</param>
public sealed record PathParameters(double FolderShare, bool RareNames, double ProjectShare);
