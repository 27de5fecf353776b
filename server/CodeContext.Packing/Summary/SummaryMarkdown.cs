using System.Globalization;
using System.Text;

namespace CodeContext.Packing.Summary;

/// <summary>
/// summary.md: short enough for $GITHUB_STEP_SUMMARY or a pull-request comment: the totals, the
/// forms, the top files with their forms and first reasons, and what was left out. Markdown
/// syntax in names from the repository is escaped, so a file name cannot turn into a link or
/// break the tables.
/// </summary>
public static class SummaryMarkdown
{
    private const int TopFiles = 12;
    private const int LeftOutNamed = 8;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Write(SummaryReport report)
    {
        var m = report.Manifest;
        var t = m.Totals;
        var s = new StringBuilder();
        s.Append(C, $"### CodeContext summary: {Escape(report.Set.Title)}\n\n");
        s.Append(C, $"**{t.Total:N0} / {m.Budget:N0} tokens** with profile `{m.Profile}`: {t.TextTokens:N0} text + {t.VisionTokens:N0} vision in {m.Segments.Count(x => x.Kind == "image")} pages. ");
        s.Append(C, $"Carries {t.SourceTokens:N0} tokens of source (of {t.RepositorySourceTokens:N0} in the codebase): {t.EffectiveCompression:0.##}x.");
        var masked = m.Secrets.MaskedValues.Values.Sum();
        if (masked > 0 || m.Secrets.ExcludedFiles > 0) s.Append(C, $" Secrets: {masked} values masked, {m.Secrets.ExcludedFiles} files excluded.");
        s.Append("\n\n| form | meaning | files | tokens |\n|---|---|---:|---:|\n");
        foreach (var form in SummaryReport.FormOrder)
        {
            if (t.ByForm.TryGetValue(form, out var totals)) s.Append(C, $"| {form} | {report.Meaning(form)} | {totals.Files:N0} | {totals.Tokens:N0} |\n");
        }

        var top = report.Carried.Take(TopFiles).ToList();
        s.Append(C, $"\n**Top files** ({top.Count} of {report.Carried.Count} carried)\n\n| file | form | relevance | why |\n|---|---|---:|---|\n");
        foreach (var f in top)
        {
            s.Append(C, $"| `{Code(f.Path)}` | {f.Form} | {f.Relevance:0.##} | {Escape(f.Reasons.FirstOrDefault() ?? "")} |\n");
        }

        var left = report.LeftOut;
        if (left.Count > 0)
        {
            var listed = left.Count(f => f.Form == "listed");
            s.Append(C, $"\n**Left out:** {listed} files only listed by name, {left.Count - listed} not in the context");
            s.Append(C, $"; most relevant: {string.Join(", ", left.Take(LeftOutNamed).Select(f => $"`{Code(f.Path)}` ({Escape(f.Why)})"))}.\n");
        }

        foreach (var warning in m.Warnings) s.Append(C, $"\n> **Warning:** {Escape(warning)}\n");
        s.Append("\nThe bundle (report.html, context.md, manifest.json, pages) explains every decision.\n");
        return s.ToString();
    }

    /// <summary>Inline markdown and HTML characters escaped; line breaks flattened (a table row is one line).</summary>
    private static string Escape(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var ch in text.ReplaceLineEndings(" "))
        {
            if ("\\`*_{}[]()<>#+!|~".Contains(ch, StringComparison.Ordinal)) s.Append('\\');
            s.Append(ch);
        }

        return s.ToString();
    }

    /// <summary>A path inside a code span: backticks and table bars cannot be escaped there, so they are replaced.</summary>
    private static string Code(string text) => text.ReplaceLineEndings(" ").Replace('`', '\'').Replace("|", "\\|", StringComparison.Ordinal);
}
