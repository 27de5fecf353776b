using System.Text.RegularExpressions;

namespace CodeContext.Rendering.Tokenizers;

/// <summary>
/// DeepSeek-V3's pre-tokenizer: three regex splits applied in sequence, each keeping both the
/// matches and the text between them as separate pieces (digits in runs of at most three; CJK
/// runs; then words, punctuation runs, newlines and spaces).
/// </summary>
internal static partial class DeepSeekV3PreTokenizer
{
    [GeneratedRegex(@"\p{N}{1,3}", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    [GeneratedRegex(@"[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+", RegexOptions.CultureInvariant)]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[!""#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    private static readonly Regex[] Stages = [Digits(), Cjk(), Words()];

    /// <summary>Calls <paramref name="onPiece"/> with each piece of <paramref name="text"/> in order.</summary>
    public static void Split(ReadOnlySpan<char> text, Action<ReadOnlySpan<char>> onPiece) => SplitStage(text, 0, onPiece);

    private static void SplitStage(ReadOnlySpan<char> text, int stage, Action<ReadOnlySpan<char>> onPiece)
    {
        if (text.IsEmpty)
        {
            return;
        }

        if (stage == Stages.Length)
        {
            onPiece(text);
            return;
        }

        var position = 0;
        foreach (var match in Stages[stage].EnumerateMatches(text))
        {
            if (match.Length == 0)
            {
                continue;
            }

            SplitStage(text[position..match.Index], stage + 1, onPiece);
            SplitStage(text.Slice(match.Index, match.Length), stage + 1, onPiece);
            position = match.Index + match.Length;
        }

        SplitStage(text[position..], stage + 1, onPiece);
    }
}
