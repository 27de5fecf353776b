using CodeContext.Rendering.Fonts;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Rendering.Tests;

public sealed class ProfileTableTests
{
    [Fact]
    public void TheRequiredProfilesExist()
    {
        string[] required = ["deepseek-ocr-tiny", "deepseek-ocr-small", "deepseek-ocr-base", "deepseek-ocr-large", "deepseek-ocr-gundam", "deepseek-ocr-vllm", "qwen2.5-vl", "gpt-4o", "claude"];
        Assert.All(required, id => Assert.Equal(id, ProfileCatalog.Get(id).Id));
    }

    [Fact]
    public void EveryProfileIsCompleteAndConsistent()
    {
        foreach (var profile in ProfileCatalog.All)
        {
            Assert.Contains(profile.Tokenizer, TokenizerCatalog.Ids);
            Assert.Equal(["L1", "L2", "L3", "L4"], profile.Levels.Keys.Order(StringComparer.Ordinal));
            Assert.Contains("{images}", profile.PromptWrapper, StringComparison.Ordinal);
            var sizes = profile.Levels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value.FontSize).ToList();
            Assert.True(sizes.Zip(sizes.Skip(1)).All(p => p.First > p.Second), $"{profile.Id}: glyphs must shrink from L1 to L4");
            foreach (var level in profile.Levels.Values)
            {
                Assert.NotNull(FontCatalog.Get(level.Font));
                Assert.True(level.LineHeight >= level.FontSize, $"{profile.Id}: line height below glyph size");
            }

            Assert.True(Costs.VisionCostCalculator.Compute(profile.Cost, profile.Page.Width, profile.Page.Height).Tokens > 0);
        }
    }

    [Fact]
    public void DeepSeekProfilesUseTheOcrPlaceholderAndTokenizer()
    {
        foreach (var profile in ProfileCatalog.All.Where(p => p.Id.StartsWith("deepseek-ocr", StringComparison.Ordinal)))
        {
            Assert.Equal("<image>", profile.Image.Placeholder);
            Assert.Equal("deepseek-v3", profile.Tokenizer);
        }
    }
}
