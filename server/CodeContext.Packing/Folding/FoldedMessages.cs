using System.Text.Json.Nodes;

namespace CodeContext.Packing.Folding;

/// <summary>
/// A folded conversation as a message list, in conversation order: one user message with the
/// summary lines, one with the folded pages (densest first), then the turns kept as text in their
/// own roles. Each entry is a kind-tagged part list every delivery form maps to its own shape.
/// </summary>
public static class FoldedMessages
{
    public const string SummaryHeading = "Earlier in this conversation (one line per turn):\n";
    public const string PagesHeading = "Earlier turns of this conversation, as page images (older turns denser):";

    /// <summary>(role, parts): a part is a string (text) or a <see cref="FoldedPage"/> (image).</summary>
    public static IReadOnlyList<(string Role, IReadOnlyList<object> Parts)> Build(IReadOnlyList<ConversationTurn> turns, FoldedConversation folded, FoldThresholds? thresholds = null)
    {
        thresholds ??= FoldThresholds.Default;
        var messages = new List<(string, IReadOnlyList<object>)>();
        var summaries = folded.Turns.Where(t => t.Form == "summary").Select(t => FoldCosts.SummaryLine(t.Index, turns[t.Index], thresholds.SummaryChars)).ToList();
        if (summaries.Count > 0) messages.Add(("user", [SummaryHeading + string.Concat(summaries)]));
        if (folded.Pages.Count > 0) messages.Add(("user", [PagesHeading, .. folded.Pages]));
        foreach (var turn in folded.Turns.Where(t => t.Form == "text"))
        {
            messages.Add((turn.Role, [turns[turn.Index].Text]));
        }

        return messages;
    }

    /// <summary>The message list in OpenAI chat shape, pages as data URLs (ready to send).</summary>
    public static JsonArray ToOpenAi(IReadOnlyList<(string Role, IReadOnlyList<object> Parts)> messages)
    {
        var array = new JsonArray();
        foreach (var (role, parts) in messages)
        {
            if (parts is [string only])
            {
                array.Add(new JsonObject { ["role"] = role, ["content"] = only });
                continue;
            }

            var content = new JsonArray();
            foreach (var part in parts)
            {
                content.Add(part switch
                {
                    string text => new JsonObject { ["type"] = "text", ["text"] = text },
                    FoldedPage page => new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64," + Convert.ToBase64String(page.Png) } },
                    _ => throw new InvalidOperationException("unknown part"),
                });
            }

            array.Add(new JsonObject { ["role"] = role, ["content"] = content });
        }

        return array;
    }
}
