using CodeContext.Analyzers.Classification;
using CodeContext.Analyzers.Loading;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Themes;

namespace CodeContext.Rendering.Tests;

/// <summary>
/// Grayscale pages colour only comments, doc comments and strings, so spans from syntax alone must
/// give them the very bytes Roslyn's semantic spans give; a theme that colours more must say so.
/// </summary>
public sealed class GrayPagesFromSyntaxTests
{
    // Files with doc comments (crefs, params), comments, verbatim and interpolated strings.
    private static readonly string[] SampleFiles =
    [
        "src/Shop.Services/Orders/OrderService.cs",
        "src/Shop.Api/Http/ApiRequest.cs",
        "src/Shop.Infrastructure/Inventory/WarehouseBinAllocator.cs",
        "src/Shop.Services/Reporting/CsvTableWriter.cs",
    ];

    [Fact]
    public async Task A_deepseek_ocr_page_from_syntactic_spans_is_byte_identical_to_one_from_Roslyn_spans()
    {
        var (fromSyntax, fromRoslyn) = await PagesAsync("deepseek-ocr-base", "L2");

        Assert.NotEmpty(fromRoslyn);
        Assert.Equal(fromRoslyn.Count, fromSyntax.Count);
        Assert.All(fromRoslyn.Zip(fromSyntax), p => Assert.Equal(p.First.Png, p.Second.Png));
    }

    [Fact]
    public async Task A_colour_theme_page_tells_the_two_apart()
    {
        var (fromSyntax, fromRoslyn) = await PagesAsync("qwen2.5-vl", "L1");

        Assert.Contains(fromRoslyn.Zip(fromSyntax), p => !p.First.Png.AsSpan().SequenceEqual(p.Second.Png));
    }

    [Fact]
    public void Whether_a_theme_needs_semantic_spans_comes_from_its_colours()
    {
        var gray = ThemeCatalog.Get("gray");
        var light = ThemeCatalog.Get("light");
        Assert.False(gray.TellsSemanticKindsApart);
        Assert.False(gray.NeedsSemanticSpans);
        Assert.True(light.TellsSemanticKindsApart);
        Assert.True(light.NeedsSemanticSpans);

        // Keywords in colour: no semantic kind, but a kind the syntactic classifier only nearly matches.
        var keywords = Gray(new() { ["Keyword"] = "#0000FF", ["Comment"] = "#505050" });
        Assert.False(keywords.TellsSemanticKindsApart);
        Assert.True(keywords.NeedsSemanticSpans);
        // A kind listed in the plain colour is no colour of its own.
        var plainTypes = Gray(new() { ["TypeName"] = gray.Plain, ["StringLiteral"] = "#303030" });
        Assert.False(plainTypes.NeedsSemanticSpans);
        Assert.True(Gray(new() { ["LocalName"] = "#101010" }).TellsSemanticKindsApart);
    }

    [Fact]
    public void Grayscale_profiles_default_to_a_theme_without_semantic_colours_and_colour_profiles_to_one_with()
    {
        Assert.All(Profiles.ProfileCatalog.All.Where(p => !p.Color), p => Assert.False(ThemeCatalog.For(p, null).NeedsSemanticSpans, p.Id));
        Assert.All(Profiles.ProfileCatalog.All.Where(p => p.Color), p => Assert.True(ThemeCatalog.For(p, null).NeedsSemanticSpans, p.Id));
    }

    // A new theme, not 'gray with { ... }': a record copy would carry gray's parsed palette along.
    private static Theme Gray(Dictionary<string, string> kinds)
    {
        var gray = ThemeCatalog.Get("gray");
        return new Theme
        {
            Id = "test", Background = gray.Background, Plain = gray.Plain, Gutter = gray.Gutter, Header = gray.Header, HeaderBackground = gray.HeaderBackground,
            Continuation = gray.Continuation, MissingGlyph = gray.MissingGlyph, ContinuationShade = gray.ContinuationShade, Kinds = kinds,
        };
    }

    /// <summary>The sample files' pages for a profile's level: from syntactic spans, and from Roslyn's.</summary>
    private static async Task<(IReadOnlyList<RenderedPage> FromSyntax, IReadOnlyList<RenderedPage> FromRoslyn)> PagesAsync(string profile, string level)
    {
        var workspace = await WorkspaceLoader.LoadAsync(RepositoryPaths.Shop, new LoadOptions { NoMsBuild = true });
        var syntactic = new List<SourceFragment>();
        var semantic = new List<SourceFragment>();
        foreach (var path in SampleFiles)
        {
            var document = workspace.GetDocument(workspace.FindByRelativePath(path) ?? throw new InvalidOperationException($"{path} is not in the sample"));
            var text = (await document.GetTextAsync()).ToString();
            syntactic.Add(SourceFragment.FromFile(path, text, SyntaxClassifier.Classify((await document.GetSyntaxRootAsync())!)));
            semantic.Add(SourceFragment.FromFile(path, text, await CodeClassifier.ClassifyAsync(document, CancellationToken.None)));
        }

        var request = RenderTestInputs.Request(profile, level);
        return (PageRenderer.Render(syntactic, request), PageRenderer.Render(semantic, request));
    }
}
