namespace CodeContext.Core.Tests;

/// <summary>A git log is kept per HEAD commit, folder, arguments and shallow cut: the same head answers from the cache, a new commit or a deepened clone runs git again.</summary>
public sealed class GitLogCacheTests : IDisposable
{
    private static readonly string[] Log = ["log", "--name-only", "--format=%x1e%H", "--", "*.cs"];

    private readonly TempTree _repo = new();
    private readonly TempTree _cache = new();

    public void Dispose()
    {
        _repo.Dispose();
        _cache.Dispose();
    }

    private GitLogCache Cache() => new(new CacheDirectory(_cache.Root));

    private string[] Entries() => Directory.GetFiles(Path.Combine(_cache.Root, GitLogCache.Area.Name), "*.txt");

    private void Commit(string file)
    {
        _repo.With(file, $"class {Path.GetFileNameWithoutExtension(file)} {{ }}\n");
        Git("add", ".");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", file);
    }

    private void Git(params string[] arguments) => Assert.Equal(0, GitCommand.Run(_repo.Root, arguments).Exit);

    [Fact]
    public void The_same_head_is_answered_from_the_cache_and_a_new_commit_runs_git_again()
    {
        Git("init", "-q");
        Commit("A.cs");
        var first = Cache().Run(_repo.Root, Log);
        Assert.Equal(GitCommand.Run(_repo.Root, Log).Output, first.Output);
        var entry = Assert.Single(Entries());

        // What the cache holds is what the same head answers (marked, to tell it from a fresh run).
        File.WriteAllText(entry, first.Output + "marked");
        Assert.Equal(first.Output + "marked", Cache().Run(_repo.Root, Log).Output);
        Assert.Equal(first.Output + "marked", Cache().Run(_repo.Root, Log).Output);

        Commit("B.cs");
        var second = Cache().Run(_repo.Root, Log);
        Assert.Equal(GitCommand.Run(_repo.Root, Log).Output, second.Output);
        Assert.Contains("B.cs", second.Output, StringComparison.Ordinal);
        Assert.Equal(2, Entries().Length);
    }

    [Fact]
    public void Other_arguments_are_another_entry()
    {
        Git("init", "-q");
        Commit("A.cs");
        Cache().Run(_repo.Root, Log);
        var one = Cache().Run(_repo.Root, [.. Log.Take(3), "-n", "1", .. Log.Skip(3)]);

        Assert.Equal(0, one.Exit);
        Assert.Equal(2, Entries().Length);
    }

    [Fact]
    public void A_shallow_clone_deepened_at_the_same_head_runs_git_again()
    {
        Git("init", "-q");
        Commit("A.cs");
        Commit("B.cs");
        Commit("C.cs");
        using var clones = new TempTree();
        var clone = Path.Combine(clones.Root, "shallow");
        Assert.Equal(0, GitCommand.Run(clones.Root, ["clone", "-q", "--depth", "1", new Uri(_repo.Root).AbsoluteUri, clone]).Exit);

        // The log's records start with U+001E: one commit in the depth-1 clone, three once deepened.
        Assert.Equal(1, Cache().Run(clone, Log).Output.Count(c => c == '\u001e'));
        Assert.Equal(0, GitCommand.Run(clone, ["fetch", "-q", "--deepen", "2"]).Exit);
        var deepened = Cache().Run(clone, Log);

        Assert.Equal(3, deepened.Output.Count(c => c == '\u001e'));
        Assert.Equal(GitCommand.Run(clone, Log).Output, deepened.Output);
        Assert.Equal(deepened.Output, Cache().Run(clone, Log).Output);
    }

    [Fact]
    public void A_git_that_waits_on_a_fifo_is_stopped_at_its_limit()
    {
        Git("init", "-q");
        Commit("A.cs");
        Commit("B.cs");
        using var clones = new TempTree();
        var clone = Path.Combine(clones.Root, "shallow");
        Assert.Equal(0, GitCommand.Run(clones.Root, ["clone", "-q", "--depth", "1", new Uri(_repo.Root).AbsoluteUri, clone]).Exit);
        // A hostile repository's .git/shallow as a FIFO: git log blocks opening it, for ever.
        var shallow = Path.Combine(clone, ".git", "shallow");
        File.Delete(shallow);
        using (var fifo = System.Diagnostics.Process.Start("mkfifo", [shallow])) fifo.WaitForExit();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = GitCommand.Run(clone, Log, TimeSpan.FromSeconds(2));

        Assert.Equal(GitCommand.TimedOut, run.Exit);
        Assert.Contains("git log did not finish within 2 s", run.Errors, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_folder_without_history_is_not_cached()
    {
        var run = Cache().Run(_repo.Root, Log);

        Assert.NotEqual(0, run.Exit);
        Assert.False(Directory.Exists(Path.Combine(_cache.Root, GitLogCache.Area.Name)) && Entries().Length > 0);
    }
}
