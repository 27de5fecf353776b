using CodeContext.Core;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;
using Microsoft.CodeAnalysis.Text;

namespace CodeContext.Packing.Planning;

/// <summary>
/// The active file's text segment: all of it when it fits the budget, else the largest window
/// around the cursor that does.
/// </summary>
internal static class ActiveWindow
{
    /// <summary>The active file's segment: all of it when it fits, else the largest window around the cursor that does.</summary>
    /// <param name="share">The most of <paramref name="budget"/> the active text may take; a window is never narrower than one line for it.</param>
    public static ActiveText Of(ModelProfile profile, ITextTokenizer tokenizer, string path, string text, int? cursorLine, string instruction, int budget, double share = 1)
    {
        int Cost(TextSegment segment) => PromptParts.CountText(PromptParts.Build(profile, [segment], instruction), tokenizer);

        var whole = new TextSegment("active", SegmentText.Code(SegmentText.ActiveCaption(path, 1, 1, whole: true), text), path, 1, null);
        var source = SourceText.From(text);
        var lines = CandidateBuilder.LineCount(source);
        whole = whole with { EndLine = lines };
        var target = Math.Clamp((int)(budget * share), 1, budget);
        if (Cost(whole) <= target)
        {
            return new ActiveText(whole, 1, lines, true, text);
        }

        var center = Math.Clamp(cursorLine ?? 1, 1, lines);
        TextSegment Window(int half)
        {
            var start = Math.Max(1, center - half);
            var end = Math.Min(lines, start + 2 * half);
            start = Math.Max(1, Math.Min(start, end - 2 * half));
            var slice = CandidateBuilder.SliceOf(text, source, start, end);
            return new TextSegment("active", SegmentText.Code(SegmentText.ActiveCaption(path, start, end, whole: false), slice), path, start, end);
        }

        if (Cost(Window(0)) > budget)
        {
            throw new UserError($"budget {budget} is too small: the prompt wrapper, the question and one line of {path} already cost {Cost(Window(0))} tokens");
        }

        // The share bounds the window, but one line around the cursor always goes.
        var limit = Math.Max(target, Cost(Window(0)));
        var (low, high) = (0, lines);
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Cost(Window(mid)) <= limit)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var best = Window(low);
        return new ActiveText(best, best.StartLine!.Value, best.EndLine!.Value, false, CandidateBuilder.SliceOf(text, source, best.StartLine!.Value, best.EndLine!.Value));
    }
}

/// <param name="Source">The carried lines exactly as in the (masked) file.</param>
internal sealed record ActiveText(TextSegment Segment, int StartLine, int EndLine, bool Whole, string Source);
