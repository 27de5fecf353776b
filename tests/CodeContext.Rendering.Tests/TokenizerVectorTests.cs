using System.Text.Json;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Rendering.Tests;

public sealed class TokenizerVectorTests
{
    private static readonly JsonElement[] Cases = LoadCases();

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void The_vector_file_has_thirty_cases() => Assert.Equal(30, Cases.Length);

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void DeepSeek_V3_matches_reference_ids(int index)
    {
        var text = Cases[index].GetProperty("text").GetString()!;
        var expected = Cases[index].GetProperty("deepseek_v3").GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var tokenizer = (DeepSeekV3Tokenizer)TokenizerCatalog.Get("deepseek-v3");
        Assert.Equal(expected, tokenizer.EncodeToIds(text));
        Assert.Equal(expected.Length, tokenizer.CountTokens(text));
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void OpenAI_encodings_match_reference_counts(int index)
    {
        var text = Cases[index].GetProperty("text").GetString()!;
        foreach (var id in new[] { "o200k_base", "cl100k_base" })
        {
            Assert.Equal(Cases[index].GetProperty(id).GetProperty("count").GetInt32(), TokenizerCatalog.Get(id).CountTokens(text));
        }
    }

    [Fact]
    public void Cached_pieces_give_the_same_counts_as_fresh_ones()
    {
        var tokenizer = TokenizerCatalog.Get("deepseek-v3");
        var text = string.Join('\n', Cases.Select(c => c.GetProperty("text").GetString()));
        var first = tokenizer.CountTokens(text);
        Assert.Equal(first, tokenizer.CountTokens(text));
        Assert.True(first > 300);
    }

    private static JsonElement[] LoadCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "tokenizer-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone())];
    }
}
