using System.Collections.Concurrent;
using CodeContext.Core;

namespace CodeContext.Rendering.Tokenizers;

/// <summary>The tokenizers profiles name, each loaded on first use and kept (the DeepSeek table is large).</summary>
public static class TokenizerCatalog
{
    public static readonly IReadOnlyList<string> Ids = ["deepseek-v3", "o200k_base", "cl100k_base"];

    private static readonly ConcurrentDictionary<string, Lazy<ITextTokenizer>> Loaded = new(StringComparer.Ordinal);

    public static ITextTokenizer Get(string id)
    {
        if (!Ids.Contains(id))
        {
            throw new UserError($"unknown tokenizer '{id}' (known: {string.Join(", ", Ids)})");
        }

        return Loaded.GetOrAdd(id, key => new Lazy<ITextTokenizer>(() => Create(key))).Value;
    }

    private static ITextTokenizer Create(string id) => id switch
    {
        "deepseek-v3" => DeepSeekV3Tokenizer.LoadBundled(),
        _ => new TiktokenTextTokenizer(id),
    };
}
