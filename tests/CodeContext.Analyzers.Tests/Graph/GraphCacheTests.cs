using CodeContext.Analyzers.Graph;
using CodeContext.Analyzers.Loading;
using CodeContext.Core;

namespace CodeContext.Analyzers.Tests.Graph;

/// <summary>The on-disk analysis cache and in-memory incremental updates.</summary>
public sealed class GraphCacheTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TempTree _cacheRoot = new();

    public void Dispose()
    {
        _tree.Dispose();
        _cacheRoot.Dispose();
    }

    private TempTree Codebase() => _tree
        .With("Lib/Lib.csproj", TempTree.LibraryProject)
        .With("Lib/IStore.cs", "namespace Lib; public interface IStore { void Put(string key); }")
        .With("Lib/MemoryStore.cs", "namespace Lib; public sealed class MemoryStore : IStore { public void Put(string key) { } }")
        .With("Lib/Writer.cs", "namespace Lib; public sealed class Writer(IStore store) { public void Write() => store.Put(\"a\"); }")
        .With("Lib/Clock.cs", "namespace Lib; public static class Clock { public static int Now() => 1; }");

    private async Task<(FileGraph, GraphBuildStats)> BuildAsync()
    {
        var workspace = await WorkspaceLoader.LoadAsync(_tree.Root, new LoadOptions { NoMsBuild = true });
        return await SymbolGraphBuilder.BuildAsync(workspace, new GraphCache(new CacheDirectory(_cacheRoot.Root)), log: null);
    }

    [Fact]
    public async Task Second_run_on_an_unchanged_tree_analyses_nothing_and_gives_the_same_graph()
    {
        Codebase();
        var (first, firstStats) = await BuildAsync();
        var (second, secondStats) = await BuildAsync();

        Assert.Equal(4, firstStats.Analyzed);
        Assert.Equal(0, secondStats.Analyzed);
        Assert.Equal(first.Edges, second.Edges);
        Assert.DoesNotContain(Directory.EnumerateFiles(_tree.Root, "*", SearchOption.AllDirectories), f => f.EndsWith(".json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_edit_reanalyses_only_that_file()
    {
        Codebase();
        await BuildAsync();
        _tree.With("Lib/Writer.cs", "namespace Lib; public sealed class Writer(IStore store) { public void Write() { store.Put(\"b\"); store.Put(\"c\"); } }");
        var (_, stats) = await BuildAsync();
        Assert.Equal(1, stats.Analyzed);
    }

    [Fact]
    public async Task A_new_declaration_reanalyses_the_files_that_mention_its_name()
    {
        Codebase();
        await BuildAsync();
        // Clock.cs now declares Writer2; nobody mentions it: only Clock.cs is analysed again.
        _tree.With("Lib/Clock.cs", "namespace Lib; public static class Clock { public static int Now() => 1; } public sealed class Writer2 { }");
        Assert.Equal(1, (await BuildAsync()).Item2.Analyzed);
        // Renaming IStore.Put: IStore.cs changed, Writer.cs used the vanished IStore.Put; MemoryStore.cs
        // only implements IStore, which still exists, so its facts stay.
        _tree.With("Lib/IStore.cs", "namespace Lib; public interface IStore { void Save(string key); }");
        var (graph, stats) = await BuildAsync();
        Assert.Equal(2, stats.Analyzed);
        Assert.DoesNotContain(graph.Edges, e => e.TargetDisplay == "IStore.Put");
    }

    [Fact]
    public async Task Unsaved_text_updates_the_graph_incrementally()
    {
        Codebase();
        var analysis = await CodebaseAnalysis.OpenAsync(_tree.Root, new LoadOptions { NoMsBuild = true }, cache: null);
        Assert.DoesNotContain(analysis.Graph.Edges, e => analysis.Graph.Paths[e.From] == "Lib/Clock.cs");

        var edited = await analysis.WithDocumentTextAsync("Lib/Clock.cs", "namespace Lib; public static class Clock { public static int Now() { new MemoryStore().Put(\"t\"); return 1; } }");

        Assert.Equal(1, edited.GraphStats.Analyzed);
        Assert.Contains(edited.Graph.Edges, e => edited.Graph.Paths[e.From] == "Lib/Clock.cs" && e.Kind == EdgeKind.Creates && e.TargetDisplay == "MemoryStore");
        var ranked = edited.Ranker.Rank(new Analyzers.Ranking.RankRequest("Lib/Clock.cs"));
        Assert.Equal("Lib/MemoryStore.cs", ranked[0].Path);
        // The original snapshot is untouched.
        Assert.DoesNotContain(analysis.Graph.Edges, e => analysis.Graph.Paths[e.From] == "Lib/Clock.cs");
    }

    [Fact]
    public async Task Files_created_and_deleted_on_disk_join_and_leave_the_graph()
    {
        Codebase();
        var analysis = await CodebaseAnalysis.OpenAsync(_tree.Root, new LoadOptions { NoMsBuild = true }, cache: null);
        _tree.With("Lib/Reader.cs", "namespace Lib; public sealed class Reader(IStore store) { public void Read() => store.Put(\"r\"); }");
        File.Delete(_tree.PathOf("Lib/Clock.cs"));

        var changed = await analysis.WithFilesChangedOnDiskAsync([_tree.PathOf("Lib/Reader.cs"), _tree.PathOf("Lib/Clock.cs")]);

        Assert.Contains("Lib/Reader.cs", changed.Graph.Paths);
        Assert.DoesNotContain("Lib/Clock.cs", changed.Graph.Paths);
        Assert.Contains(changed.Graph.Edges, e => changed.Graph.Paths[e.From] == "Lib/Reader.cs" && e.TargetDisplay == "IStore.Put");
    }

    [Fact]
    public async Task A_comment_edit_that_moves_no_token_keeps_the_graph_and_ranker_while_a_code_edit_on_the_same_line_does_not()
    {
        Codebase().With("Lib/Clock.cs", "namespace Lib;\npublic static class Clock\n{\n    // now\n    public static int Now() => 1;\n}\n");
        var analysis = await CodebaseAnalysis.OpenAsync(_tree.Root, new LoadOptions { NoMsBuild = true }, cache: null);

        var commented = await analysis.WithDocumentTextAsync("Lib/Clock.cs", "namespace Lib;\npublic static class Clock\n{\n    // the current time, roughly\n    public static int Now() => 1;\n}\n");
        Assert.Same(analysis.Graph, commented.Graph);
        Assert.Same(analysis.Ranker, commented.Ranker);
        Assert.NotSame(analysis.Workspace.Solution, commented.Workspace.Solution);
        var text = await commented.Workspace.GetDocument(commented.Workspace.FindByRelativePath("Lib/Clock.cs")!).GetTextAsync();
        Assert.Contains("roughly", text.ToString(), StringComparison.Ordinal);

        // A comment that pushes the member one line down changes the lines facts record.
        var moved = await analysis.WithDocumentTextAsync("Lib/Clock.cs", "namespace Lib;\npublic static class Clock\n{\n    // now\n    // later\n    public static int Now() => 1;\n}\n");
        Assert.NotSame(analysis.Graph, moved.Graph);
        Assert.Equal(6, moved.Graph.Facts[moved.Graph.IndexOf("Lib/Clock.cs")!.Value].Declarations.Single(d => d.Name == "Now").Line);

        var coded = await analysis.WithDocumentTextAsync("Lib/Clock.cs", "namespace Lib;\npublic static class Clock\n{\n    // now\n    public static int Now() { new MemoryStore().Put(\"t\"); return 1; }\n}\n");
        Assert.NotSame(analysis.Graph, coded.Graph);
        Assert.Contains(coded.Graph.Edges, e => coded.Graph.Paths[e.From] == "Lib/Clock.cs" && e.TargetDisplay == "MemoryStore");
    }

    [Fact]
    public async Task The_walk_classifies_what_it_analyses_exactly_as_classifying_afterwards_would_and_an_edit_reclassifies_the_edited_file()
    {
        Codebase();
        var classified = new Analyzers.Classification.ClassificationMemo();
        var analysis = await CodebaseAnalysis.OpenAsync(_tree.Root, new LoadOptions { NoMsBuild = true, ClassifiedSpans = classified }, cache: null);

        foreach (var file in analysis.Workspace.Files)
        {
            var document = analysis.Workspace.GetDocument(file);
            var spans = classified.TryGet(file.RelativePath, await document.GetTextAsync());
            Assert.NotNull(spans);
            Assert.Equal(await Analyzers.Classification.CodeClassifier.ClassifyAsync(document, CancellationToken.None), spans);
            Assert.Contains(spans, s => s.Kind == CodeSpanKind.TypeName || s.Kind == CodeSpanKind.InterfaceName);
        }

        var edited = await analysis.WithDocumentTextAsync("Lib/Clock.cs", "namespace Lib; public static class Clock { public static int Now() => new MemoryStore().GetHashCode(); }");
        var clock = edited.Workspace.GetDocument(edited.Workspace.FindByRelativePath("Lib/Clock.cs")!);
        var after = classified.TryGet("Lib/Clock.cs", await clock.GetTextAsync());
        Assert.NotNull(after);
        var source = (await clock.GetTextAsync()).ToString();
        Assert.Contains(after, s => s.Kind == CodeSpanKind.TypeName && source.Substring(s.Start, s.Length) == "MemoryStore");
    }
}
