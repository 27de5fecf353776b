using CodeContext.Analyzers.Classification;
using CodeContext.Core;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Analyzers.Tests.Classification;

public sealed class ClassificationMemoTests : IDisposable
{
    private readonly TempTree _cacheRoot = new();

    public void Dispose() => _cacheRoot.Dispose();

    private static readonly CodeSpan[] Spans = [new(0, 9, CodeSpanKind.NamespaceName), new(10, 6, CodeSpanKind.Keyword), new(17, 5, CodeSpanKind.TypeName)];

    [Fact]
    public void A_later_run_reads_spans_from_disk_by_content_and_never_for_other_text()
    {
        var cache = new CacheDirectory(_cacheRoot.Root);
        var text = SourceText.From("namespace Lib; public class A { }");
        new ClassificationMemo(cache).Put("Lib/A.cs", text, Spans);

        var later = new ClassificationMemo(cache);
        Assert.Equal(Spans, later.TryGet("Lib/A.cs", SourceText.From(text.ToString())));
        // Keyed by content: the same text under another path is found, other text is not.
        Assert.Equal(Spans, later.TryGet("Lib/Copy.cs", SourceText.From(text.ToString())));
        Assert.Null(later.TryGet("Lib/A.cs", SourceText.From("namespace Lib; public class B { }")));
        Assert.Null(new ClassificationMemo().TryGet("Lib/A.cs", text));
    }

    [Fact]
    public void Text_being_edited_stays_in_memory_only()
    {
        var cache = new CacheDirectory(_cacheRoot.Root);
        var memo = new ClassificationMemo(cache);
        var edited = SourceText.From("namespace Lib; public class A { int x; }");

        memo.Put("Lib/A.cs", edited, Spans, persist: false);

        Assert.Equal(Spans, memo.TryGet("Lib/A.cs", edited));
        Assert.Null(new ClassificationMemo(cache).TryGet("Lib/A.cs", edited));
    }

    [Fact]
    public void A_torn_or_foreign_cache_file_reads_as_missing()
    {
        var cache = new CacheDirectory(_cacheRoot.Root);
        var text = SourceText.From("namespace Lib; public class A { }");
        new ClassificationMemo(cache).Put("Lib/A.cs", text, Spans);
        var file = Assert.Single(Directory.GetFiles(cache.Area("spans")));

        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^3]);
        Assert.Null(new ClassificationMemo(cache).TryGet("Lib/A.cs", text));

        File.WriteAllBytes(file, [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 200]);
        Assert.Null(new ClassificationMemo(cache).TryGet("Lib/A.cs", text));
    }
}
