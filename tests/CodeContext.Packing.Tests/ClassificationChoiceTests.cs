namespace CodeContext.Packing.Tests;

/// <summary>
/// Pages in a theme without semantic colours are coloured from syntax alone: composing for a
/// grayscale profile never classifies a file semantically, a colour profile still does.
/// </summary>
public sealed class ClassificationChoiceTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    [Fact]
    public async Task A_grayscale_compose_leaves_the_semantic_memo_empty_and_a_colour_compose_fills_it()
    {
        var gray = await RenderedFilesAsync("deepseek-ocr-base");
        var colour = await RenderedFilesAsync("qwen2.5-vl");

        Assert.NotEmpty(gray.Files);
        Assert.All(gray.Files, f => Assert.Null(gray.Session.ClassifiedSpans.TryGet(f.Path, f.Text)));
        Assert.NotEmpty(colour.Files);
        Assert.All(colour.Files, f => Assert.NotNull(colour.Session.ClassifiedSpans.TryGet(f.Path, f.Text)));
    }

    [Fact]
    public void Hosts_are_told_which_profiles_need_semantic_spans_at_load()
    {
        Assert.False(ComposeSession.NeedsSemanticSpans("deepseek-ocr-base"));
        Assert.False(ComposeSession.NeedsSemanticSpans("deepseek-ocr-gundam"));
        Assert.True(ComposeSession.NeedsSemanticSpans("gpt-4o"));
        Assert.True(ComposeSession.NeedsSemanticSpans("claude"));
    }

    private async Task<(ComposeSession Session, List<(string Path, Microsoft.CodeAnalysis.Text.SourceText Text)> Files)> RenderedFilesAsync(string profile)
    {
        var session = new ComposeSession();
        var package = await new ContextComposer(session: session).ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Budget = 16000, Profile = profile }, CancellationToken.None);
        Assert.NotEmpty(package.PageList);
        var files = new List<(string Path, Microsoft.CodeAnalysis.Text.SourceText Text)>();
        foreach (var path in package.RenderedSources.Select(f => f.RelativePath).Distinct())
        {
            var file = shop.Analysis.Workspace.FindByRelativePath(path)!;
            files.Add((path, await shop.Analysis.Workspace.GetDocument(file).GetTextAsync()));
        }

        return (session, files);
    }
}
