using CodeContext.Analyzers.Classification;
using CodeContext.Core;
using CodeContext.Packing.Planning;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Packing;

/// <summary>
/// The pages of a plan: each level's layout rasterised, from the session when the layout is
/// unchanged, else from the page cache when the same fragments were rendered before, else drawn
/// with colours from the session's classification memos.
/// </summary>
internal static class ComposedPages
{
    /// <summary>Rasterises each level's pages: from the session when the level's layout is unchanged, else from the page cache when the same fragments were rendered before.</summary>
    public static async Task<IReadOnlyList<RenderedPage>> RenderAsync(Analyzers.Loading.LoadedWorkspace workspace, IReadOnlyList<(Fidelity Level, PageLayout Layout, List<int> Items)> layouts, ModelProfile profile, CacheDirectory? cache, ComposeSession session, CancellationToken ct)
    {
        var pageCache = new PageCache(cache);
        var result = new List<RenderedPage>();
        var total = layouts.Sum(l => l.Layout.Pages.Count);
        foreach (var (level, layout, _) in layouts)
        {
            var pages = session.PagesOf(layout);
            if (pages is null)
            {
                var request = new RenderRequest { Profile = profile, Level = FidelityNames.Level(level) };
                // The key leaves spans out: for one theme they are a function of the text, and a
                // theme that needs no semantic spans draws pages from syntactic spans that are
                // pixel-identical to those from Roslyn's (the classifiers agree exactly on every
                // kind such a theme colours), so a page cached by either serves both.
                var key = PageCache.KeyOf(profile.Id, request.Level, request.Theme, layout.Fragments);
                pages = pageCache.TryGet(key);
                if (pages is null || pages.Count != layout.Pages.Count)
                {
                    var semantic = Rendering.Themes.ThemeCatalog.For(profile, request.Theme).NeedsSemanticSpans;
                    var classified = await ClassifyAsync(workspace, layout.Fragments, session, semantic, ct).ConfigureAwait(false);
                    pages = PageRenderer.Render(classified, request);
                    pageCache.Put(key, pages);
                }

                session.RememberPages(layout, pages);
            }

            result.AddRange(pages);
            session.Progress?.Report(new Core.Progress.WorkProgress("rendering pages", result.Count, total));
        }

        return result;
    }

    /// <summary>
    /// Colours for each fragment (spans of the masked text: masking keeps offsets), from the
    /// session while a file's text is unchanged: semantic ones where the theme needs them, else
    /// from the syntax tree alone, which never binds a method body.
    /// </summary>
    private static async Task<IReadOnlyList<SourceFragment>> ClassifyAsync(Analyzers.Loading.LoadedWorkspace workspace, IReadOnlyList<SourceFragment> fragments, ComposeSession session, bool semantic, CancellationToken ct)
    {
        var result = new SourceFragment[fragments.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, fragments.Count), new ParallelOptions { CancellationToken = ct }, async (i, token) =>
        {
            var fragment = fragments[i];
            var file = workspace.FindByRelativePath(fragment.RelativePath);
            if (file is null)
            {
                result[i] = fragment;
                return;
            }

            var document = workspace.GetDocument(file);
            var text = await document.GetTextAsync(token).ConfigureAwait(false);
            // Whole documents: the slices of one file and the next plan's other slices share them.
            var spans = semantic
                ? await SemanticSpansAsync(document, file.RelativePath, text, session, token).ConfigureAwait(false)
                : await SyntacticSpansAsync(document, file.RelativePath, text, session, token).ConfigureAwait(false);

            if (fragment.LineNumbers is null)
            {
                var from = text.Lines[fragment.StartLine - 1].Start;
                result[i] = fragment with { Spans = [.. spans.Select(s => new CodeSpan(s.Start - from, s.Length, s.Kind)).Where(s => s.Start >= 0 && s.End <= fragment.Text.Length)] };
            }
            else
            {
                result[i] = fragment with { Spans = FoldedSpans.Of(fragment, text, spans) };
            }
        }).ConfigureAwait(false);
        return result;
    }

    private static async Task<IReadOnlyList<CodeSpan>> SemanticSpansAsync(Microsoft.CodeAnalysis.Document document, string path, SourceText text, ComposeSession session, CancellationToken ct)
    {
        var spans = session.ClassifiedSpans.TryGet(path, text);
        if (spans is null)
        {
            spans = await CodeClassifier.ClassifyAsync(document, ct).ConfigureAwait(false);
            session.ClassifiedSpans.Put(path, text, spans);
        }

        return spans;
    }

    // Kept apart from the semantic memo: that one is also on disk, where a colour page must never
    // find spans without symbol colours.
    private static async Task<IReadOnlyList<CodeSpan>> SyntacticSpansAsync(Microsoft.CodeAnalysis.Document document, string path, SourceText text, ComposeSession session, CancellationToken ct)
    {
        var spans = session.SyntacticSpans.TryGet(path, text);
        if (spans is null)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"{path} has no syntax tree");
            spans = SyntaxClassifier.Classify(root);
            session.SyntacticSpans.Put(path, text, spans);
        }

        return spans;
    }

}
