using CodeContext.Rendering.Fonts;
using CodeContext.Rendering.Profiles;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Rendering.Tests;

public sealed class ProfileTableTests
{
    [Fact]
    public void The_required_profiles_exist()
    {
        string[] required = ["deepseek-ocr-tiny", "deepseek-ocr-small", "deepseek-ocr-base", "deepseek-ocr-large", "deepseek-ocr-gundam", "deepseek-ocr-vllm", "deepseek-ocr-2", "qwen2.5-vl", "gpt-4o", "claude"];
        Assert.All(required, id => Assert.Equal(id, ProfileCatalog.Get(id).Id));
    }

    [Fact]
    public void Every_profile_is_complete_and_consistent()
    {
        foreach (var profile in ProfileCatalog.All)
        {
            Assert.Contains(profile.Tokenizer, TokenizerCatalog.Ids);
            Assert.Equal(["L1", "L2", "L3", "L4"], profile.Levels.Keys.Order(StringComparer.Ordinal));
            Assert.Contains("{images}", profile.PromptWrapper, StringComparison.Ordinal);
            // Denser levels: glyphs never grow, and each level carries more text per vision token
            // (a level may keep the size above it and gain by layout alone: no gutter, more wrapping).
            var levels = profile.Levels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value).ToList();
            Assert.True(levels.Zip(levels.Skip(1)).All(p => p.First.FontSize >= p.Second.FontSize), $"{profile.Id}: glyphs must not grow from L1 to L4");
            Assert.True(levels.Zip(levels.Skip(1)).All(p => p.First.MeasuredCompression < p.Second.MeasuredCompression), $"{profile.Id}: compression must grow from L1 to L4");
            Assert.True(levels.All(l => l.MeasuredCer is >= 0 and < 1), $"{profile.Id}: every level carries its measured CER");
            foreach (var level in profile.Levels.Values)
            {
                Assert.NotNull(FontCatalog.Get(level.Font));
                Assert.True(level.LineHeight >= level.FontSize, $"{profile.Id}: line height below glyph size");
            }

            Assert.True(Costs.VisionCostCalculator.Compute(profile.Cost, profile.Page.Width, profile.Page.Height).Tokens > 0);
            // The answer must fit beside a prompt of at least a page.
            Assert.True(profile.MaxOutputTokens > 0 && profile.MaxOutputTokens < profile.ContextWindow / 2, $"{profile.Id}: the default answer leaves under half the context window");
        }
    }

    [Fact]
    public void DeepSeek_profiles_use_the_OCR_placeholder_and_tokenizer()
    {
        foreach (var profile in ProfileCatalog.All.Where(p => p.Id.StartsWith("deepseek-ocr", StringComparison.Ordinal)))
        {
            Assert.Equal("<image>", profile.Image.Placeholder);
            Assert.Equal("deepseek-v3", profile.Tokenizer);
        }
    }
}
