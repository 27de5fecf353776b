using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Raster;

namespace CodeContext.Rendering;

/// <summary>A finished page: PNG bytes plus everything the manifest and the planner need.</summary>
public sealed record RenderedPage(int Number, byte[] Png, int Width, int Height, int VisionTokens, int TextTokens, double Compression, IReadOnlyList<PageRegion> Regions);

/// <summary>
/// The rendering stage's entry: fragments in, pages out. <see cref="Measure"/> lays out without
/// drawing (cheap, for planning); <see cref="Render"/> also rasterises and encodes.
/// </summary>
public static class PageRenderer
{
    public static PageLayout Measure(IReadOnlyList<SourceFragment> fragments, RenderRequest request) =>
        PageLayoutEngine.Layout(fragments, request);

    public static IReadOnlyList<RenderedPage> Render(IReadOnlyList<SourceFragment> fragments, RenderRequest request) =>
        Render(Measure(fragments, request));

    public static IReadOnlyList<RenderedPage> Render(PageLayout layout)
    {
        var pages = new RenderedPage[layout.Pages.Count];
        // Pages are independent: render them in parallel; output order stays the page order.
        Parallel.For(0, pages.Length, i => pages[i] = RenderPage(layout, layout.Pages[i]));
        return pages;
    }

    /// <summary>Draws and encodes one page of a layout.</summary>
    public static RenderedPage RenderPage(PageLayout layout, LaidOutPage page)
    {
        var png = PageRasterizer.RenderPng(layout, page);
        return new RenderedPage(page.Number, png, layout.Settings.Width, layout.Settings.Height, page.Cost.Tokens, page.TextTokens, page.Compression, page.Regions);
    }
}
