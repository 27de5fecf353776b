using CodeContext.Core;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing.Folding;

/// <summary>
/// Optical folding of a conversation: the newest turns stay text, older ones become page images
/// whose density rises with age (L1..L4, as code pages), then one-line summaries, then nothing,
/// all under a hard token budget. When the ladder's forms do not fit, the oldest turn still
/// carried moves one step denser until they do; so an older turn is never sharper than a newer
/// one, and the newest turn is always verbatim (a budget it alone exceeds is an error).
/// </summary>
public static class ConversationFolder
{
    public static FoldedConversation Fold(IReadOnlyList<ConversationTurn> turns, ModelProfile profile, int budget, FoldThresholds? thresholds = null)
    {
        thresholds ??= FoldThresholds.Default;
        if (turns.Count == 0) return new FoldedConversation([], [], 0, budget, profile.Id);
        var tokenizer = TokenizerCatalog.Get(profile.Tokenizer);
        var fragments = turns.Select((t, i) => TurnFragments.Of(i, t)).ToList();
        var forms = turns.Select((_, i) => FormIndex(thresholds.FormFor(turns.Count - 1 - i))).ToArray();
        var costs = new FoldCosts(turns, fragments, profile, tokenizer, thresholds);

        while (costs.Total(forms) > budget)
        {
            var oldest = Array.FindIndex(forms, f => f < Dropped);
            if (oldest < 0 || oldest == turns.Count - 1)
                throw new UserError($"the newest turn alone costs {costs.Total(forms)} tokens as text, over the budget of {budget}: raise --budget");
            forms[oldest]++;
        }

        return costs.Build(forms, budget);
    }

    internal static readonly int Dropped = FoldThresholds.Forms.Count - 1;

    internal static int FormIndex(string form) => FoldThresholds.Forms.ToList().IndexOf(form);
}

/// <summary>Prices and renders the forms of a fold; a level's layout is measured once per set of turns on it.</summary>
internal sealed class FoldCosts(IReadOnlyList<ConversationTurn> turns, IReadOnlyList<SourceFragment> fragments, ModelProfile profile, ITextTokenizer tokenizer, FoldThresholds thresholds)
{
    private readonly Dictionary<string, PageLayout> _layouts = new(StringComparer.Ordinal);
    private readonly int[] _text = turns.Select(t => tokenizer.CountTokens(TextLine(t))).ToArray();
    private readonly int[] _summary = turns.Select((t, i) => tokenizer.CountTokens(SummaryLine(i, t, thresholds.SummaryChars))).ToArray();

    public static string TextLine(ConversationTurn turn) => turn.Text;

    public static string SummaryLine(int index, ConversationTurn turn, int chars)
    {
        var flat = string.Join(' ', turn.Text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return $"[turn {index + 1}, {turn.Role}] {(flat.Length > chars ? flat[..chars] + "..." : flat)}\n";
    }

    public int Total(int[] forms)
    {
        var total = 0;
        for (var i = 0; i < forms.Length; i++)
        {
            total += FoldThresholds.Forms[forms[i]] switch { "text" => _text[i], "summary" => _summary[i], _ => 0 };
        }

        foreach (var level in Levels)
        {
            if (Layout(level, forms) is { } layout) total += layout.VisionTokens;
        }

        return total;
    }

    public FoldedConversation Build(int[] forms, int budget)
    {
        var pages = new List<FoldedPage>();
        var pagesOf = turns.Select(_ => new List<int>()).ToArray();
        var tokensOf = new int[forms.Length];
        // Prompt order is the conversation's: the densest (oldest) level first.
        foreach (var level in Levels.Reverse())
        {
            if (Layout(level, forms) is not { } layout) continue;
            var onLevel = Enumerable.Range(0, forms.Length).Where(i => FoldThresholds.Forms[forms[i]] == level).ToList();
            foreach (var page in PageRenderer.Render(layout))
            {
                var carried = onLevel.Where(i => page.Regions.Any(r => r.Path == fragments[i].RelativePath)).ToList();
                foreach (var i in carried) pagesOf[i].Add(pages.Count);
                pages.Add(new FoldedPage($"pages/page-{pages.Count + 1:000}.png", level, page.Png, page.Width, page.Height, page.VisionTokens, carried, page.Regions));
                // A page's tokens are shared by the turns on it in proportion to their text.
                var weights = carried.Select(i => (double)_text[i]).ToList();
                var left = page.VisionTokens;
                for (var k = 0; k < carried.Count; k++)
                {
                    var share = k == carried.Count - 1 ? left : (int)Math.Round(page.VisionTokens * weights[k] / weights.Sum());
                    tokensOf[carried[k]] += share;
                    left -= share;
                }
            }
        }

        var folded = turns.Select((t, i) => new FoldedTurn(i, t.Role, FoldThresholds.Forms[forms[i]], FoldThresholds.Forms[forms[i]] switch
        {
            "text" => _text[i],
            "summary" => _summary[i],
            "dropped" => 0,
            _ => tokensOf[i],
        }, _text[i], pagesOf[i])).ToList();
        return new FoldedConversation(folded, pages, Total(forms), budget, profile.Id);
    }

    private static IEnumerable<string> Levels => ["L1", "L2", "L3", "L4"];

    private PageLayout? Layout(string level, int[] forms)
    {
        var onLevel = Enumerable.Range(0, forms.Length).Where(i => FoldThresholds.Forms[forms[i]] == level).ToList();
        if (onLevel.Count == 0) return null;
        var key = level + ":" + string.Join(',', onLevel);
        if (!_layouts.TryGetValue(key, out var layout))
        {
            layout = PageRenderer.Measure(onLevel.Select(i => fragments[i]).ToList(), new RenderRequest { Profile = profile, Level = level, Gutter = false });
            _layouts[key] = layout;
        }

        return layout;
    }
}
