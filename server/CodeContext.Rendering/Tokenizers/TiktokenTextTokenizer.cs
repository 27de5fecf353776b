using Microsoft.ML.Tokenizers;

namespace CodeContext.Rendering.Tokenizers;

/// <summary>OpenAI's o200k_base / cl100k_base through Microsoft.ML.Tokenizers and its data packages.</summary>
internal sealed class TiktokenTextTokenizer(string id) : ITextTokenizer
{
    private readonly TiktokenTokenizer _tokenizer = TiktokenTokenizer.CreateForEncoding(id);

    public string Id { get; } = id;

    public int CountTokens(string text) => _tokenizer.CountTokens(text, considerPreTokenization: true, considerNormalization: true);
}
