using System.Globalization;
using System.Text;
using CodeContext.Packing.Planning;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing.Summary;

/// <summary>
/// The active part of a summarize prompt as one text segment: the solution map, then each changed
/// file as exact text with its changed lines marked "+" in a two-character gutter (unchanged lines
/// get two spaces, so indentation still reads). The part takes at most its share of the budget:
/// the map is cut by lines, and a changed file that does not fit its even part of what is left
/// keeps its changed lines with as many lines of context around them as fit, gaps shown as "⋮".
/// </summary>
internal static class ActiveSetText
{
    /// <summary>Lines of context tried around each change, widest first, when a whole file does not fit.</summary>
    private static readonly int[] ContextLines = [40, 20, 10, 5, 2, 0];

    /// <param name="texts">Each changed file's (gated, masked) text, in <see cref="ActiveSet.Changed"/>'s order.</param>
    public static ActiveSetPart Build(ITextTokenizer tokenizer, ActiveSet set, IReadOnlyList<string> texts, int budget, double share)
    {
        var target = Math.Max(1, (int)(budget * share));
        var map = set.Map is null ? "" : Cut("### Solution map\n" + set.Map.TrimEnd('\n') + "\n\n", set.Changed.Count == 0 ? target : target / 2, tokenizer);
        var left = Math.Max(0, target - tokenizer.CountTokens(map));
        // Cheapest files first: what a small file does not need goes to the larger ones after it.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToList();
        var files = new ChangedText[texts.Count];
        for (var k = 0; k < order.Count; k++)
        {
            var i = order[k];
            files[i] = Fit(set.Changed[i], texts[i], left / (order.Count - k), tokenizer);
            left = Math.Max(0, left - files[i].Tokens);
        }

        var text = new StringBuilder(map);
        foreach (var file in files) text.Append(file.Text);
        return new ActiveSetPart(new TextSegment("active", text.ToString()), files);
    }

    private static ChangedText Fit(ChangedFile file, string source, int allotment, ITextTokenizer tokenizer)
    {
        var lines = source.Split('\n');
        if (lines.Length > 1 && lines[^1].Length == 0) lines = lines[..^1];
        var changed = new bool[lines.Length + 1];
        foreach (var range in file.Lines)
        {
            for (var line = Math.Max(1, range.Start); line <= Math.Min(lines.Length, range.End); line++) changed[line] = true;
        }

        ChangedText? best = null;
        foreach (var context in (IEnumerable<int>)[int.MaxValue, .. ContextLines])
        {
            best = Marked(file, lines, changed, context, tokenizer);
            if (best.Tokens <= allotment) return best;
        }

        // Even the changed lines alone are too many: keep them from the top while they fit.
        var kept = lines.Length;
        while (kept > 1 && best!.Tokens > allotment)
        {
            kept = Math.Max(1, kept / 2);
            best = Marked(file, lines[..kept], changed, 0, tokenizer) with { Cut = true, Whole = false };
        }

        return best!;
    }

    /// <summary>The file with changed lines marked, keeping only lines within <paramref name="context"/> of a change (all: int.MaxValue).</summary>
    private static ChangedText Marked(ChangedFile file, string[] lines, bool[] changed, int context, ITextTokenizer tokenizer)
    {
        var near = new bool[lines.Length + 1];
        var anyChange = false;
        for (var line = 1; line <= lines.Length; line++)
        {
            if (!changed[line]) continue;
            anyChange = true;
            for (var j = Math.Max(1, line - context); j <= Math.Min(lines.Length, line + (long)context); j++) near[j] = true;
        }

        var whole = context == int.MaxValue || !anyChange;
        var body = new StringBuilder();
        var source = new StringBuilder();
        var gap = false;
        for (var line = 1; line <= lines.Length; line++)
        {
            if (!whole && !near[line])
            {
                gap = true;
                continue;
            }

            if (gap) body.Append("⋮\n");
            gap = false;
            body.Append(changed[line] ? "+ " : "  ").Append(lines[line - 1]).Append('\n');
            source.Append(lines[line - 1]).Append('\n');
        }

        if (gap) body.Append("⋮\n");
        var caption = Caption(file, lines.Length, whole ? null : context);
        var text = SegmentText.Code(caption, body.ToString());
        return new ChangedText(file, text, tokenizer.CountTokens(text), tokenizer.CountTokens(source.ToString()), whole, context);
    }

    private static string Caption(ChangedFile file, int lineCount, int? context)
    {
        // No ranges: the change named the file without its lines (--changed-files); nothing is marked.
        if (file.Lines.Count == 0) return $"{file.Path} ({file.Reason})";
        // A new file not yet known to git is changed to its end, whatever that is: clamped here.
        var clamped = file.Lines.Select(r => new LineRange(r.Start, Math.Min(r.End, Math.Max(r.Start, lineCount)))).ToList();
        var ranges = (clamped is [var one] && one.Start == one.End ? "changed line " : "changed lines ") + string.Join(", ", clamped.Select(r => r.Start == r.End ? r.Start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{r.Start}-{r.End}")));
        var window = context is { } lines ? string.Create(CultureInfo.InvariantCulture, $", {lines} lines of context") : "";
        return $"{file.Path} ({file.Reason}: {ranges} marked +{window})";
    }

    /// <summary>The map's first lines that fit <paramref name="tokens"/>, with a note of how many were cut.</summary>
    private static string Cut(string map, int tokens, ITextTokenizer tokenizer)
    {
        if (tokenizer.CountTokens(map) <= tokens) return map;
        var lines = map.Split('\n');
        var (low, high) = (0, lines.Length);
        string Take(int n) => string.Join('\n', lines[..n]) + string.Create(CultureInfo.InvariantCulture, $"\n… {lines.Length - n} more lines of the map cut to fit the budget\n\n");
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (tokenizer.CountTokens(Take(mid)) <= tokens) low = mid;
            else high = mid - 1;
        }

        return Take(low);
    }
}

/// <summary>The active part's segment and how each changed file went into it.</summary>
internal sealed record ActiveSetPart(TextSegment Segment, IReadOnlyList<ChangedText> Files);

/// <param name="Tokens">Tokens of the file's block in the prompt (caption and gutter included).</param>
/// <param name="SourceTokens">Tokens of the carried lines as plain text.</param>
/// <param name="Context">Lines of context kept around each change when not whole.</param>
/// <param name="Cut">Even its changed lines did not all fit: only the first ones are carried.</param>
internal sealed record ChangedText(ChangedFile File, string Text, int Tokens, int SourceTokens, bool Whole, int Context)
{
    public bool Cut { get; init; }
}
