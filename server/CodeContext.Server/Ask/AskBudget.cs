using System.Globalization;
using CodeContext.Core;
using CodeContext.Packing.Folding;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Server.Ask;

/// <summary>
/// How an ask's tokens divide: the answer's room comes first (the prompt may use only what the
/// profile's context window leaves beside --max-output-tokens), then the folded conversation (up to
/// its share), then the code context: a request that would not leave room for the answer is planned
/// smaller, never sent to fail.
/// </summary>
internal sealed record AskBudget(int Prompt, int MaxOutputTokens, string? Replanned)
{
    public static AskBudget For(ModelProfile profile, int budget, int? maxOutputTokens)
    {
        var answer = maxOutputTokens ?? profile.MaxOutputTokens;
        if (answer < 1 || answer >= profile.ContextWindow)
            throw new UserError($"--max-output-tokens must be between 1 and {profile.ContextWindow - 1} for profile {profile.Id} (context window {profile.ContextWindow})");
        var room = profile.ContextWindow - answer;
        return budget <= room
            ? new AskBudget(budget, answer, null)
            : new AskBudget(room, answer, string.Create(CultureInfo.InvariantCulture, $"planned for {room} tokens, not {budget}: {profile.Id}'s context window of {profile.ContextWindow} must also hold the answer (--max-output-tokens {answer})"));
    }

    /// <summary>The history's fold under its share of the prompt; null without history.</summary>
    public FoldedConversation? FoldHistory(IReadOnlyList<ConversationTurn> history, ModelProfile profile) =>
        history.Count == 0 ? null : ConversationFolder.Fold(history, profile, (int)(Prompt * FoldThresholds.Default.HistoryShare));
}
