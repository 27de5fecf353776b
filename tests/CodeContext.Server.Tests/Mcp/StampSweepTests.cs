using CodeContext.Server.Mcp;

namespace CodeContext.Server.Tests.Mcp;

/// <summary>The per-call stamp sweep `codecontext mcp` uses so an edit is never missed, and never handed over twice.</summary>
public sealed class StampSweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("codecontext-stamps-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_file_seen_before_is_reported_once_per_change_and_a_first_sight_only_records()
    {
        var file = Write("A.cs", "class A {}");
        var sweep = new StampSweep();
        Assert.Empty(sweep.Changed([file]));

        Write("A.cs", "class A { int x; }");
        Assert.Equal([file], sweep.Changed([file]));
        Assert.Empty(sweep.Changed([file]));

        File.Delete(file);
        Assert.Equal([file], sweep.Changed([file]));
    }

    [Fact]
    public void What_the_sweep_handed_over_is_not_handed_over_again_by_the_watcher_and_new_files_always_are()
    {
        var known = Write("Known.cs", "class Known {}");
        var sweep = new StampSweep();
        sweep.Changed([known]);
        Write("Known.cs", "class Known { int y; }");
        Assert.Equal([known], sweep.Changed([known]));

        var created = Write("Created.cs", "class Created {}");
        // The watcher's late events: the known file's change is already handed over; the new file is news.
        Assert.Equal([created], sweep.NotHandedOver([known, created]));
        Assert.Empty(sweep.NotHandedOver([created]));
        Assert.Empty(sweep.Changed([known, created]));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        // Same-size rewrites within one clock tick would look unchanged; a distinct time makes each write a change.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Interlocked.Increment(ref _tick)));
        return path;
    }

    private static int _tick;
}
