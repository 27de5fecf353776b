using CodeContext.Analyzers.Loading;
using MAB.DotIgnore;

namespace CodeContext.Analyzers.Tests.Loading;

/// <summary>
/// Source files meet only the .gitignore rules that could match a ".cs" name: every path is
/// ignored, or not, exactly as when every rule is asked (a file, or any folder above it, matches).
/// </summary>
public sealed class IgnoreRulesTests : IDisposable
{
    // A Visual Studio .gitignore's kinds of rules, and rules written to sit on the edge of the filter.
    private static readonly string[] Lines =
    [
        "# Build results", "[Dd]ebug/", "[Bb]in/", "[Oo]bj/", "*.user", "*.suo", "*.dll", "*.[Cc]ache", "*.nupkg", "**/[Pp]ackages/*",
        "!**/[Pp]ackages/build/", "*.local.cs", "!Keep.local.cs", "**/Generated/*.cs", "Migrations/*.Designer.cs", "*.CS", "*.c?",
        "*.[ch]s", "x.cs\\ ", "y.cs   ", "Secret", "scratch", "/rooted.cs", "docs/**/*.md", "*.g.cs", "!important.g.cs", "Tools/**",
        "", "#Comment.cs", "\\#Hash.cs", "Foo.cs/", "*.generated", "!*.generated.cs", "Ends/With/s", "*s",
    ];

    private static readonly string[] Paths =
    [
        "Foo.cs", "Me.local.cs", "Keep.local.cs", "a/Keep.local.cs", "a/Generated/X.cs", "a/b/Generated/Y.cs", "Generated/Z.cs",
        "Migrations/M.Designer.cs", "src/Migrations/M.Designer.cs", "Upper.CS", "upper.Cs", "scratch/Try.cs", "a/scratch/Try.cs",
        "Secret/A.cs", "a/Secret/B.cs", "rooted.cs", "sub/rooted.cs", "a/b/x.g.cs", "important.g.cs", "a/important.g.cs",
        "bin/Debug/A.cs", "src/Bin/A.cs", "Debug/A.cs", "Foo.cs/inner.cs", "Tools/Run.cs", "a/Tools/Run.cs", "#Hash.cs", "#Comment.cs",
        "packages/Lib/A.cs", "packages/build/A.cs", "A.generated.cs", "x.cs", "y.cs", "Ends/With/s.cs", "docs/a/b.md", "App.config",
        "My.user", "a/b/c/d/e.cs", "a.s/b.cs",
    ];

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Every_path_is_ignored_exactly_as_when_every_rule_is_asked()
    {
        _tree.With(".gitignore", string.Join('\n', Lines) + "\n");
        var rules = IgnoreRules.Load(_tree.Root);
        var all = new IgnoreList(Lines);

        foreach (var path in Paths)
        {
            var parts = path.Split('/');
            var expected = all.IsIgnored(path, pathIsDirectory: false)
                || Enumerable.Range(1, parts.Length - 1).Any(i => all.IsIgnored(string.Join('/', parts[..i]), pathIsDirectory: true));
            Assert.True(expected == rules.Match(_tree.PathOf(path)) is not null, $"{path}: expected {(expected ? "ignored" : "kept")}");
        }

        // The corpus reaches both answers, through both the file's own rules and its folders'.
        Assert.Contains(Paths, p => rules.Match(_tree.PathOf(p)) is null);
        Assert.Contains(Paths, p => p.EndsWith(".cs", StringComparison.Ordinal) && all.IsIgnored(p, pathIsDirectory: false));
    }

    [Theory]
    [InlineData("*.dll", false)]
    [InlineData("[Bb]in/", false)]
    [InlineData("*.user", false)]
    [InlineData("# a comment.cs", false)]
    [InlineData("   ", false)]
    [InlineData("*.cs", true)]
    [InlineData("*.CS", true)]
    [InlineData("Tools/**", true)]
    [InlineData("*.c?", true)]
    [InlineData("*.[ch]s", true)]
    [InlineData("x.cs\\ ", true)]
    [InlineData("y.cs   ", true)]
    public void A_rule_is_asked_about_source_files_only_when_its_end_could_match_one(string line, bool asked) =>
        Assert.Equal(asked, IgnoreRules.MayMatchSourceFile(line));
}
