namespace CodeContext.Rendering.Tokenizers;

/// <summary>A text tokenizer as the budget sees it: how many tokens a string costs a model.</summary>
public interface ITextTokenizer
{
    /// <summary>deepseek-v3 | o200k_base | cl100k_base.</summary>
    string Id { get; }

    /// <summary>Tokens of <paramref name="text"/> encoded without special tokens (no BOS/EOS).</summary>
    int CountTokens(string text);
}
