using System.Globalization;
using System.Text;

namespace CodeContext.Packing;

/// <summary>context.md: what the model will see, for a person: the decisions per file, then the prompt in order.</summary>
public static class ContextMarkdown
{
    public static string Write(ContextPackage package)
    {
        var m = package.Manifest;
        var t = m.Totals;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"# Context for `{m.Active.Path}`\n\n");
        s.Append(CultureInfo.InvariantCulture, $"Profile `{m.Profile}` (tokenizer {m.Tokenizer}), budget {m.Budget}: {t.Total} tokens used ({t.TextTokens} text + {t.VisionTokens} vision), {t.Headroom} left. ");
        s.Append(CultureInfo.InvariantCulture, $"Carries {t.SourceTokens} tokens of source as text would cost: effective compression {t.EffectiveCompression:0.##}x.\n\n");
        if (m.Query is not null)
        {
            s.Append(CultureInfo.InvariantCulture, $"Question: {m.Query}\n\n");
        }

        foreach (var warning in m.Warnings)
        {
            s.Append(CultureInfo.InvariantCulture, $"> **Warning:** {warning}\n");
        }

        if (m.Warnings.Count > 0)
        {
            s.Append('\n');
        }

        s.Append("| form | files | source tokens | tokens spent |\n|---|---:|---:|---:|\n");
        foreach (var (form, totals) in t.ByForm)
        {
            s.Append(CultureInfo.InvariantCulture, $"| {form} | {totals.Files} | {totals.SourceTokens} | {totals.Tokens} |\n");
        }

        s.Append("\nFidelity per form (relevance x fidelity is what the planner maximises): ");
        s.Append(string.Join(", ", m.Fidelity.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value.Value:0.###} ({f.Value.Source})"))));
        s.Append(".\n");

        s.Append("\n## Files\n\n| file | relevance | form | tokens | why |\n|---|---:|---|---:|---|\n");
        foreach (var file in m.Files.Where(f => f.Form != "excluded" || f.Relevance > 0).OrderByDescending(f => f.Relevance))
        {
            s.Append(CultureInfo.InvariantCulture, $"| `{file.Path}` | {file.Relevance:0.###} | {file.Form} | {file.Tokens} | {Cell(file.Why)} |\n");
        }

        var excluded = m.Files.Where(f => f.Form == "excluded" && f.Relevance == 0).ToList();
        if (excluded.Count > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $"\n<details><summary>{excluded.Count} files left out</summary>\n\n");
            foreach (var file in excluded)
            {
                s.Append(CultureInfo.InvariantCulture, $"- `{file.Path}`: {Cell(file.Reasons.FirstOrDefault() ?? file.Why)}\n");
            }

            s.Append("\n</details>\n");
        }

        s.Append("\n## The prompt, in order\n\n");
        var number = 0;
        foreach (var segment in m.Segments)
        {
            number++;
            if (segment.Kind == "image")
            {
                var image = segment.Image!;
                s.Append(CultureInfo.InvariantCulture, $"#### {number}. page image {segment.Role}, {image.Width}x{image.Height}, {segment.Tokens} tokens\n\n");
                s.Append(CultureInfo.InvariantCulture, $"![{image.File}]({image.File})\n\n");
                foreach (var region in segment.Regions ?? [])
                {
                    s.Append(CultureInfo.InvariantCulture, $"- `{region.Path}` lines {region.StartLine}-{region.EndLine} at ({region.X}, {region.Y}) {region.Width}x{region.Height}\n");
                }

                s.Append('\n');
                continue;
            }

            var label = segment.Role switch
            {
                "index" => "index of listed files",
                "outline" => "outline",
                "active" => "the active file",
                "instruction" => "the question",
                _ => "exact text",
            };
            s.Append(CultureInfo.InvariantCulture, $"#### {number}. {label}, {segment.Tokens} tokens\n\n");
            s.Append(segment.Role == "instruction" ? "> " + segment.Text + "\n" : segment.Text);
            s.Append('\n');
        }

        return s.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
