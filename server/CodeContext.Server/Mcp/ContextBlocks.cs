using System.Globalization;
using System.Text;
using System.Text.Json;
using CodeContext.Packing;
using CodeContext.Server.Rpc;
using ModelContextProtocol.Protocol;

namespace CodeContext.Server.Mcp;

/// <summary>
/// A composed package as MCP content, in prompt order: a short header (totals and every file's
/// form, in words), then each segment: text as text blocks, pages as PNG image blocks, each page
/// after a one-line caption naming the files and lines on it (what read_region takes). The
/// manifest itself is the structured content.
/// </summary>
internal static class ContextBlocks
{
    public static CallToolResult Result(ContextPackage package)
    {
        var manifest = package.Manifest;
        var pages = package.Pages;
        var images = manifest.Segments.Count(s => s.Image is not null);
        var content = new List<ContentBlock> { new TextContentBlock { Text = Header(manifest, images) } };
        var page = 0;
        foreach (var segment in manifest.Segments)
        {
            if (segment.Image is { } image && pages.TryGetValue(image.File, out var png))
            {
                content.Add(new TextContentBlock { Text = Caption(segment, image, ++page, images) });
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

    private static string Header(Manifest manifest, int images)
    {
        var totals = manifest.Totals;
        var active = manifest.Active;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"CodeContext for {active.Path} ({(active.Whole ? "whole file" : $"lines {active.StartLine}-{active.EndLine}")} as exact text, last), profile {manifest.Profile}.\n");
        text.Append(CultureInfo.InvariantCulture, $"Tokens: {totals.Total} of a {manifest.Budget} budget ({totals.TextTokens} text + {totals.VisionTokens} for {images} page images), {totals.Headroom} left. ");
        text.Append(CultureInfo.InvariantCulture, $"Carries {totals.SourceTokens} tokens of source ({totals.RepositorySourceTokens} in the codebase): {totals.EffectiveCompression:0.##}x compression.\n");
        if (images > 0)
        {
            text.Append("Pages are source code rendered as images (L1 sharpest, L4 densest: less relevant files are denser). ");
            text.Append("Each page follows a line naming its files and lines; call read_region(path, startLine, endLine) for the exact text of any of them.\n");
        }

        text.Append("Files by form:\n");
        foreach (var group in manifest.Files.Where(f => f.Path != active.Path).GroupBy(f => f.Form).OrderBy(g => FormOrder(g.Key)))
        {
            var paths = group.Key is "listed" or "excluded" && group.Count() > 12
                ? $"{group.Count()} files"
                : string.Join(", ", group.Select(f => f.Path));
            text.Append(CultureInfo.InvariantCulture, $"- {FormWords(group.Key)}: {paths}\n");
        }

        if (manifest.Secrets.MaskedValues.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"Secret-looking values are masked with '*': {string.Join(", ", manifest.Secrets.MaskedValues.Select(p => $"{p.Value} {p.Key}"))}.\n");
        return text.ToString();
    }

    private static string Caption(ManifestSegment segment, ManifestImage image, int page, int pages)
    {
        var regions = (segment.Regions ?? [])
            .GroupBy(r => r.Path)
            .Select(g => $"{g.Key} {string.Join(",", g.Select(r => $"{r.StartLine}-{r.EndLine}"))}");
        return string.Create(CultureInfo.InvariantCulture, $"[page {page}/{pages}, {segment.Role}, {image.Width}x{image.Height}: {string.Join("; ", regions)}]");
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
        "text" => "exact text",
        "outline" => "outline (declarations and signatures only)",
        "L1" or "L2" or "L3" or "L4" => $"pages at {form}",
        "listed" => "listed by name only (in the index)",
        "excluded" => "left out (secrets, generated or not context)",
        _ => form,
    };
}
