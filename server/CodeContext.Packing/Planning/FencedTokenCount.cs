using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing.Planning;

/// <summary>
/// A slice's tokens bare and in its fenced text segment (<see cref="SegmentText.Code"/>), exactly,
/// with the bulk of the slice tokenized once instead of twice: pricing is mostly tokenizing, and
/// both counts used to tokenize the whole slice.
/// </summary>
/// <remarks>
/// DeepSeek-V3's pre-tokenizer never joins a line break with a following non-space character:
/// none of its patterns matches across "\n" into one (digit and CJK runs stop at the break; the
/// word patterns either exclude line breaks or end with them; the whitespace patterns take
/// whitespace only), and none looks behind. So text cut right after a "\n" that is followed by
/// a non-whitespace character splits into the same pieces as its two parts, and BPE merges
/// within pieces: the counts add up. The fence's head ends with "\n", so it joins a slice that
/// starts with such a character the same way. Other tokenizers (tiktoken's patterns take "/"
/// after line breaks), text holding added tokens and slices starting with whitespace are counted
/// whole as before.
/// </remarks>
public static class FencedTokenCount
{
    /// <summary>The tokenizer whose pre-tokenizer the rule above was checked against.</summary>
    private const string SplittableTokenizer = "deepseek-v3";

    /// <summary>Tokens of <paramref name="code"/> and of <c>SegmentText.Code(caption, code)</c>.</summary>
    public static (int Bare, int Fenced) Count(ITextTokenizer tokenizer, string caption, string code)
    {
        var (head, tail) = SegmentText.CodeFrame(caption, code);
        var cut = LastCut(code);
        if (tokenizer.Id != SplittableTokenizer || cut <= 0 || !StartsClean(code) || HasAddedTokens(code))
        {
            return (tokenizer.CountTokens(code), tokenizer.CountTokens(string.Concat(head, code, tail)));
        }

        var bulk = tokenizer.CountTokens(code[..cut]);
        var last = code[cut..];
        return (bulk + tokenizer.CountTokens(last), tokenizer.CountTokens(head) + bulk + tokenizer.CountTokens(last + tail));
    }

    /// <summary>The start of the last line that begins with a non-whitespace character (a cut the counts add up at); 0 for none but the first.</summary>
    public static int LastCut(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        for (var at = text.LastIndexOf('\n', text.Length - 1); at >= 0; at = at == 0 ? -1 : text.LastIndexOf('\n', at - 1))
        {
            if (at + 1 < text.Length && !char.IsWhiteSpace(text[at + 1]))
            {
                return at + 1;
            }
        }

        return 0;
    }

    private static bool StartsClean(string text) => text.Length > 0 && !char.IsWhiteSpace(text[0]);

    private static bool HasAddedTokens(string text) => text.Contains('｜', StringComparison.Ordinal) || text.Contains("<|EOT|>", StringComparison.Ordinal);
}
