using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing;

/// <summary>A segment of the prompt before it is written: text with its role, or an image (a page).</summary>
public abstract record PromptSegment;

/// <param name="Role">index | outline | text | active | instruction.</param>
public sealed record TextSegment(string Role, string Text, string? Path = null, int? StartLine = null, int? EndLine = null) : PromptSegment;

/// <param name="Page">Index into the package's pages (prompt order).</param>
public sealed record ImageSegment(string Level, int Page, int Tokens) : PromptSegment;

/// <summary>A piece of the final prompt: a run of text, or one image.</summary>
public abstract record PromptPart;

public sealed record TextPart(string Text) : PromptPart;

public sealed record ImagePart(int Page) : PromptPart;

/// <summary>
/// The one place that turns ordered segments into the prompt every delivery form shares: the
/// profile's wrapper around them, a line break after each image, adjacent text merged into runs.
/// Counting the runs one by one is exact because an image always splits the text (a placeholder is
/// a special token; an API content part is its own part).
/// </summary>
public static class PromptParts
{
    public const string ImagesSlot = "{images}";
    public const string PromptSlot = "{prompt}";

    public static IReadOnlyList<PromptPart> Build(ModelProfile profile, IReadOnlyList<PromptSegment> segments, string instruction)
    {
        var parts = new List<PromptPart>();
        var run = new System.Text.StringBuilder();
        void Flush()
        {
            if (run.Length > 0)
            {
                parts.Add(new TextPart(run.ToString()));
                run.Clear();
            }
        }

        var wrapper = profile.PromptWrapper;
        var at = 0;
        while (at < wrapper.Length)
        {
            var images = wrapper.IndexOf(ImagesSlot, at, StringComparison.Ordinal);
            var prompt = wrapper.IndexOf(PromptSlot, at, StringComparison.Ordinal);
            var next = new[] { images, prompt }.Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (next < 0)
            {
                run.Append(wrapper, at, wrapper.Length - at);
                break;
            }

            run.Append(wrapper, at, next - at);
            if (next == images)
            {
                foreach (var segment in segments)
                {
                    switch (segment)
                    {
                        case TextSegment text:
                            run.Append(text.Text);
                            break;
                        case ImageSegment image:
                            Flush();
                            parts.Add(new ImagePart(image.Page));
                            run.Append('\n');
                            break;
                    }
                }

                at = next + ImagesSlot.Length;
            }
            else
            {
                run.Append(instruction);
                at = next + PromptSlot.Length;
            }
        }

        Flush();
        return parts;
    }

    /// <summary>Exact text tokens of the prompt (the vision tokens are the images' own costs).</summary>
    public static int CountText(IReadOnlyList<PromptPart> parts, ITextTokenizer tokenizer) =>
        parts.OfType<TextPart>().Sum(p => tokenizer.CountTokens(p.Text));
}
