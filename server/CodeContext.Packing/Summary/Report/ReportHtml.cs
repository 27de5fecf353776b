using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CodeContext.Packing.Summary.Report;

/// <summary>
/// report.html: one self-contained file (CSS and JS inline; page images are the bundle's own
/// pages/*.png, referenced relatively, so the report opens from the bundle folder or an
/// artifact). Everything from the repository (paths, reasons, names) is HTML-encoded here;
/// the page data for the viewer is JSON whose encoder escapes every character HTML could read
/// as markup.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly string Css = Resource("report.css");
    private static readonly string Script = Resource("report.js");

    public static string Write(SummaryReport report)
    {
        var m = report.Manifest;
        var s = new StringBuilder();
        s.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // Nothing is fetched but the bundle's own pages: no network, no framing of other content.
        s.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
        s.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        s.Append(C, $"<title>CodeContext summary: {E(report.Set.Title)}</title>\n<style>\n{Css}</style>\n</head>\n<body>\n<main>\n");
        s.Append(C, $"<h1>CodeContext summary: {E(report.Set.Title)}</h1>\n");
        s.Append(C, $"<p class=\"sub\">Profile <code>{E(m.Profile)}</code> (tokenizer {E(m.Tokenizer)}), hard budget {m.Budget:N0} tokens.</p>\n");
        Figures(s, report);
        BudgetBar(s, report);
        if (m.Warnings.Count > 0)
        {
            s.Append("<h2>Warnings</h2>\n<ul class=\"warnings\">\n");
            foreach (var warning in m.Warnings) s.Append(C, $"<li>{E(warning)}</li>\n");
            s.Append("</ul>\n");
        }

        ReportTables.Map(s, report.Projects);
        ReportTables.Files(s, report);
        Pages(s, m);
        s.Append(C, $"<footer>Written by <code>codecontext summarize</code>. The prompt itself is in request.openai.json and context.md beside this file; manifest.json explains every decision.</footer>\n");
        // The tooltip lives in the dialog: a modal dialog is drawn above everything outside it.
        s.Append("</main>\n<dialog id=\"viewer\" aria-label=\"page viewer\"><div class=\"viewer-head\"><span class=\"viewer-caption\"></span><button class=\"close\" type=\"button\">Close</button></div><div class=\"stage\"></div><div id=\"tip\" class=\"tip\" role=\"tooltip\"></div></dialog>\n");
        s.Append(C, $"<script id=\"pages-data\" type=\"application/json\">{PageData(m)}</script>\n<script>\n{Script}</script>\n</body>\n</html>\n");
        return s.ToString();
    }

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static void Figures(StringBuilder s, SummaryReport report)
    {
        var t = report.Manifest.Totals;
        var pages = report.Manifest.Segments.Count(x => x.Kind == "image");
        var masked = report.Manifest.Secrets.MaskedValues.Values.Sum();
        s.Append("<div class=\"figures\">\n");
        Figure(s, $"{t.Total:N0}", $"of {report.Manifest.Budget:N0} tokens used ({t.Headroom:N0} left)");
        Figure(s, $"{t.TextTokens:N0} + {t.VisionTokens:N0}", $"text + vision tokens, {pages} pages");
        Figure(s, $"{t.SourceTokens:N0}", $"tokens of source carried, of {t.RepositorySourceTokens:N0}");
        Figure(s, $"{t.EffectiveCompression:0.##}x", "effective compression");
        Figure(s, $"{report.Carried.Count:N0}", $"files carried, {report.LeftOut.Count:N0} listed or left out");
        Figure(s, $"{masked:N0}", $"secret values masked, {report.Manifest.Secrets.ExcludedFiles} files excluded");
        s.Append("</div>\n");
    }

    private static void Figure(StringBuilder s, string value, string label) => s.Append(C, $"<div class=\"figure\"><b>{E(value)}</b><span>{E(label)}</span></div>\n");

    /// <summary>The budget as one bar: each form's tokens in ladder order, then what is left.</summary>
    private static void BudgetBar(StringBuilder s, SummaryReport report)
    {
        var m = report.Manifest;
        var forms = SummaryReport.FormOrder.Where(f => m.Totals.ByForm.TryGetValue(f, out var t) && t.Tokens > 0).ToList();
        s.Append("<h2>Budget by form</h2>\n<section class=\"card\">\n<div class=\"bar\" id=\"budget-bar\">");
        // Wrapper and separators are in the total but in no form: they show as their own share.
        var overhead = m.Totals.Total - forms.Sum(f => m.Totals.ByForm[f].Tokens);
        foreach (var f in forms) Slice(s, f, m.Totals.ByForm[f].Tokens, m.Budget, $"{f}: {m.Totals.ByForm[f].Tokens:N0} tokens, {m.Totals.ByForm[f].Files} files");
        if (overhead > 0) Slice(s, "listed", overhead, m.Budget, $"prompt wrapper, captions and index: {overhead:N0} tokens");
        s.Append("</div>\n<div class=\"legend\">");
        foreach (var f in forms)
        {
            var t = m.Totals.ByForm[f];
            var files = t.Files > 0 ? $", {t.Files} files" : "";
            s.Append(C, $"<span><i class=\"f-{f}\"></i>{E(f)} ({E(report.Meaning(f))}): {t.Tokens:N0} tokens{files}</span>");
        }

        if (overhead > 0) s.Append(C, $"<span><i class=\"f-listed\"></i>wrapper, captions, index: {overhead:N0}</span>");
        s.Append(C, $"<span><i class=\"f-left\"></i>left: {m.Totals.Headroom:N0}</span></div>\n</section>\n");
    }

    private static void Slice(StringBuilder s, string form, int tokens, int budget, string title) =>
        s.Append(C, $"<div class=\"f-{form}\" style=\"width:{100.0 * tokens / Math.Max(1, budget):0.###}%\" title=\"{E(title)}\"></div>");

    private static void Pages(StringBuilder s, Manifest m)
    {
        var images = m.Segments.Where(x => x.Image is not null).ToList();
        if (images.Count == 0) return;
        s.Append(C, $"<h2>Pages ({images.Count})</h2>\n<p class=\"sub\">Code the planner put on page images. Open one to see which file and lines each region holds.</p>\n<div class=\"pages\">\n");
        for (var i = 0; i < images.Count; i++)
        {
            var files = images[i].Regions?.Select(r => r.Path).Distinct().Count() ?? 0;
            s.Append(C, $"<button class=\"thumb\" type=\"button\" data-page=\"{i}\"><img src=\"{E(images[i].Image!.File)}\" alt=\"page {i + 1}\" loading=\"lazy\"><span>{i + 1} · {E(images[i].Role)} · {images[i].Tokens} tokens · {files} files</span></button>\n");
        }

        s.Append("</div>\n");
    }

    private static string PageData(Manifest m) => JsonSerializer.Serialize(
        m.Segments.Where(x => x.Image is not null).Select(x => new
        {
            file = x.Image!.File,
            width = x.Image.Width,
            height = x.Image.Height,
            level = x.Role,
            tokens = x.Tokens,
            regions = (x.Regions ?? []).Select(r => new { path = r.Path, startLine = r.StartLine, endLine = r.EndLine, x = r.X, y = r.Y, width = r.Width, height = r.Height }),
        }));

    private static string Resource(string name)
    {
        using var stream = typeof(ReportHtml).Assembly.GetManifestResourceStream("CodeContext.Packing.Summary.Report." + name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
