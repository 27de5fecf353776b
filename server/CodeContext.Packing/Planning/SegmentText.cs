namespace CodeContext.Packing.Planning;

/// <summary>How text segments are written into the prompt: a caption line, then the code in a fence.</summary>
public static class SegmentText
{
    public const string IndexHeader = "### Other files of the codebase (listed only)\n";

    public static string Code(string caption, string code)
    {
        var (head, tail) = CodeFrame(caption, code);
        return string.Concat(head, code, tail);
    }

    /// <summary>What <see cref="Code"/> writes before and after the code: the caption line and opening fence; a line break if the code lacks its last, and the closing fence.</summary>
    public static (string Head, string Tail) CodeFrame(string caption, string code) =>
        ($"### {caption}\n```csharp\n", code.EndsWith('\n') ? "```\n" : "\n```\n");

    public static string TextCaption(Candidate c) => c.IsWholeFile ? c.Path : $"{c.Path} (lines {c.StartLine}-{c.EndLine})";

    public static string OutlineCaption(string path, int start, int end, bool whole) =>
        whole ? $"{path} (outline: bodies elided)" : $"{path} (lines {start}-{end}, outline: bodies elided)";

    public static string ActiveCaption(string path, int start, int end, bool whole) =>
        whole ? $"{path} (active file)" : $"{path} (active file, lines {start}-{end})";

    public static string Listed(string path, string description) => $"- {path}: {description}\n";
}
