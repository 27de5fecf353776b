namespace CodeContext.Packing.Folding;

/// <summary>One message of a conversation as folding sees it: its role and its (gated) text.</summary>
/// <param name="Role">user | assistant | tool | system.</param>
public sealed record ConversationTurn(string Role, string Text)
{
    /// <summary>Admits the text through the source gate: a key pasted into a chat is masked before it is counted, drawn or sent.</summary>
    public static ConversationTurn Admit(string role, string text) => new(role, CodeContext.Core.Sources.SourceGate.Admit(text).Text);
}

/// <summary>What folding decided for one turn.</summary>
/// <param name="Index">The turn's position in the conversation (0-based).</param>
/// <param name="Form">text | L1..L4 | summary | dropped.</param>
/// <param name="Tokens">What the turn costs in the prompt: its text, its line, or its share of its level's pages.</param>
/// <param name="Pages">Indexes into the folded conversation's pages that carry the turn.</param>
public sealed record FoldedTurn(int Index, string Role, string Form, int Tokens, int SourceTokens, IReadOnlyList<int> Pages);

/// <summary>A folded conversation: the decisions, the pages (prompt order: oldest level first) and the total.</summary>
public sealed record FoldedConversation(IReadOnlyList<FoldedTurn> Turns, IReadOnlyList<FoldedPage> Pages, int Tokens, int Budget, string Profile);

/// <summary>One page of folded turns.</summary>
/// <param name="Regions">Where each turn's lines lie on the page (path: the turn's label, turn-N-role).</param>
public sealed record FoldedPage(string File, string Level, byte[] Png, int Width, int Height, int Tokens, IReadOnlyList<int> Turns, IReadOnlyList<CodeContext.Rendering.Layout.PageRegion> Regions);
