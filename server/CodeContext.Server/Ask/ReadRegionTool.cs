using System.ComponentModel;
using CodeContext.Analyzers.Loading;
using CodeContext.Rendering.Tokenizers;
using Microsoft.Extensions.AI;

namespace CodeContext.Server.Ask;

/// <summary>
/// read_region(path, startLine, endLine): the exact text of lines of a context file, as
/// codeContext/readRegion serves it, offered to a model that takes tools so it can zoom into a
/// page it cannot read. Text comes from the loaded workspace (gated: secrets masked); every result
/// is counted with the profile's tokenizer against what the budget has left, and a result that
/// would not fit is refused with how many tokens remain.
/// </summary>
internal sealed class ReadRegionTool(LoadedWorkspace workspace, ITextTokenizer tokenizer, int tokensLeft)
{
    public const string Name = "read_region";

    public int Budget { get; } = tokensLeft;

    public int TokensLeft { get; private set; } = tokensLeft;

    public int Calls { get; private set; }

    public AIFunction AsFunction() => AIFunctionFactory.Create(ReadAsync, Name, "The exact text of lines startLine..endLine (1-based, inclusive) of a file shown on the context's pages.");

    [Description("Reads exact source lines of a context file.")]
    private async Task<string> ReadAsync(
        [Description("Repository-relative path as printed on the page")] string path,
        [Description("First line, 1-based")] int startLine,
        [Description("Last line, inclusive")] int endLine,
        CancellationToken cancellationToken)
    {
        Calls++;
        if (workspace.FindByRelativePath(path.Replace('\\', '/')) is not { } file)
            return $"error: '{path}' is not a file of this context";
        var text = await workspace.GetDocument(file).GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (startLine < 1 || endLine < startLine || startLine > text.Lines.Count)
            return $"error: lines {startLine}..{endLine} are not in '{file.RelativePath}' ({text.Lines.Count} lines)";
        var last = Math.Min(endLine, text.Lines.Count);
        var region = text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(text.Lines[startLine - 1].Start, text.Lines[last - 1].End));
        var cost = tokenizer.CountTokens(region);
        if (cost > TokensLeft)
            return $"refused: lines {startLine}..{last} of '{file.RelativePath}' cost {cost} tokens and only {TokensLeft} are left in the budget; ask for fewer lines";
        TokensLeft -= cost;
        return region;
    }
}
