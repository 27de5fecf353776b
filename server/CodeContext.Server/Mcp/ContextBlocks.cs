using System.Globalization;
using System.Text;
using System.Text.Json;
using CodeContext.Packing;
using CodeContext.Server.Rpc;
using ModelContextProtocol.Protocol;

namespace CodeContext.Server.Mcp;

/// <summary>
/// A composed package as MCP content, in prompt order: a short header (totals, how many files got
/// each form, the most relevant files with their form and pages), then each segment: text as text
/// blocks, pages as PNG image blocks, each page after a one-line caption naming the files and
/// lines on it (what read_region takes). The manifest itself is the structured content.
/// </summary>
internal static class ContextBlocks
{
    public static CallToolResult Result(ContextPackage package, string? note = null)
    {
        var manifest = package.Manifest;
        var pages = package.Pages;
        var images = manifest.Segments.Count(s => s.Image is not null);
        var content = new List<ContentBlock> { new TextContentBlock { Text = note is null ? Header(manifest, images) : note + "\n" + Header(manifest, images) } };
        var page = 0;
        foreach (var segment in manifest.Segments)
        {
            if (segment.Image is { } image && pages.TryGetValue(image.File, out var png))
            {
                content.Add(new TextContentBlock { Text = Caption(segment, ++page, images) });
                content.Add(ImageContentBlock.FromBytes(png, "image/png"));
            }
            else if (segment.Text is { Length: > 0 } text)
            {
                content.Add(new TextContentBlock { Text = text });
            }
        }

        return new CallToolResult
        {
            Content = content,
            StructuredContent = JsonSerializer.SerializeToElement(manifest, LspJson.Options),
        };
    }

    /// <summary>Files named in the header with their form and pages: the ones a model most likely wants next.</summary>
    private const int NamedInHeader = 10;

    private static string Header(Manifest manifest, int images)
    {
        var totals = manifest.Totals;
        var active = manifest.Active;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"CodeContext for {active.Path} ({(active.Whole ? "whole file" : $"lines {active.StartLine}-{active.EndLine}")} as exact text, last), profile {manifest.Profile}.\n");
        text.Append(CultureInfo.InvariantCulture, $"Tokens: {totals.Total} of a {manifest.Budget} budget ({totals.TextTokens} text + {totals.VisionTokens} for {images} page images), {totals.Headroom} left. ");
        text.Append(CultureInfo.InvariantCulture, $"Carries {totals.SourceTokens} tokens of source ({totals.RepositorySourceTokens} in the codebase): {totals.EffectiveCompression:0.##}x compression.\n");
        var others = manifest.Files.Where(f => f.Path != active.Path).ToList();
        var forms = others.GroupBy(f => f.Form).OrderBy(g => FormOrder(g.Key)).Select(g => $"{g.Count()} {FormWords(g.Key)}");
        text.Append("Other files: ").Append(string.Join(", ", forms)).Append(".\n");

        var pagesOf = PagesOf(manifest);
        var named = others.Where(f => f.Form is not ("listed" or "excluded")).OrderByDescending(f => f.Relevance).Take(NamedInHeader)
            .Select(f => pagesOf.TryGetValue(f.Path, out var pages) ? $"{f.Path} ({f.Form}, page{(pages.Count > 1 ? "s" : "")} {string.Join(", ", pages)})" : $"{f.Path} ({f.Form})");
        text.Append("Most relevant: ").Append(string.Join("; ", named)).Append(".\n");
        if (images > 0)
        {
            var size = manifest.Segments.First(s => s.Image is not null).Image!;
            text.Append(CultureInfo.InvariantCulture, $"Pages are source code rendered as {size.Width}x{size.Height} images (L1 sharpest, L4 densest: less relevant files are denser). ");
            text.Append("Each page follows a line naming its files and lines; call read_region(path, startLine, endLine) for the exact text of any of them.\n");
        }

        if (manifest.Secrets.MaskedValues.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"Secret-looking values are masked with '*': {string.Join(", ", manifest.Secrets.MaskedValues.Select(p => $"{p.Value} {p.Key}"))}.\n");
        return text.ToString();
    }

    /// <summary>Path -> the 1-based numbers of the pages it appears on, in prompt order.</summary>
    private static Dictionary<string, List<int>> PagesOf(Manifest manifest)
    {
        var pages = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var page = 0;
        foreach (var segment in manifest.Segments.Where(s => s.Image is not null))
        {
            page++;
            foreach (var path in (segment.Regions ?? []).Select(r => r.Path).Distinct(StringComparer.Ordinal))
            {
                if (!pages.TryGetValue(path, out var list)) pages[path] = list = [];
                list.Add(page);
            }
        }

        return pages;
    }

    /// <summary>"[page 3/15, L1: a.cs 1-96; b.cs 1-40]": a file's adjacent slices merged, since the caption is for read_region, not layout.</summary>
    private static string Caption(ManifestSegment segment, int page, int pages)
    {
        var regions = (segment.Regions ?? [])
            .GroupBy(r => r.Path)
            .Select(g => $"{g.Key} {string.Join(",", Merged(g.Select(r => (r.StartLine, r.EndLine))).Select(r => $"{r.Start}-{r.End}"))}");
        return string.Create(CultureInfo.InvariantCulture, $"[page {page}/{pages}, {segment.Role}: {string.Join("; ", regions)}]");
    }

    private static IEnumerable<(int Start, int End)> Merged(IEnumerable<(int Start, int End)> ranges)
    {
        (int Start, int End)? current = null;
        foreach (var (start, end) in ranges.OrderBy(r => r.Start))
        {
            if (current is { } c && start <= c.End + 1)
            {
                current = (c.Start, Math.Max(c.End, end));
                continue;
            }

            if (current is { } done) yield return done;
            current = (start, end);
        }

        if (current is { } last) yield return last;
    }

    private static int FormOrder(string form) => form switch
    {
        "text" => 0,
        "outline" => 1,
        "L1" => 2,
        "L2" => 3,
        "L3" => 4,
        "L4" => 5,
        "listed" => 6,
        _ => 7,
    };

    private static string FormWords(string form) => form switch
    {
        "text" => "as exact text",
        "outline" => "as outlines (declarations and signatures only)",
        "L1" or "L2" or "L3" or "L4" => $"on {form} pages",
        "listed" => "listed by name only",
        "excluded" => "left out (secrets, generated or not context)",
        _ => form,
    };
}
