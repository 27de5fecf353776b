using CodeContext.Core;
using CodeContext.Packing.Folding;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Server.Tests.Ask;

/// <summary>Optical folding on real transcripts: the budget holds, the newest turn stays verbatim, age never sharpens.</summary>
public sealed class FoldingTests
{
    private static IReadOnlyList<ConversationTurn> Transcript(string name) =>
        TranscriptReader.Read(Path.Combine(AppContext.BaseDirectory, "Ask", "Transcripts", name + ".json"));

    [Theory]
    [InlineData("refactoring", "deepseek-ocr-base", 100000)]
    [InlineData("refactoring", "deepseek-ocr-base", 4000)]
    [InlineData("refactoring", "deepseek-ocr-2", 3000)]
    [InlineData("refactoring", "qwen2.5-vl", 6000)]
    [InlineData("debugging", "deepseek-ocr-base", 5000)]
    [InlineData("debugging", "deepseek-ocr-vllm", 2500)]
    [InlineData("debugging", "gpt-4o", 4000)]
    public void A_fold_keeps_the_budget_the_newest_turn_and_the_order_of_density(string transcript, string profile, int budget)
    {
        var turns = Transcript(transcript);
        var folded = ConversationFolder.Fold(turns, ProfileCatalog.Get(profile), budget);

        Assert.True(folded.Tokens <= budget, $"{folded.Tokens} tokens over the budget of {budget}");
        // The total is the pages' own costs plus the text and summary lines, nothing estimated.
        Assert.Equal(folded.Pages.Sum(p => p.Tokens) + folded.Turns.Where(t => t.Form is "text" or "summary").Sum(t => t.Tokens), folded.Tokens);
        Assert.Equal(folded.Pages.Sum(p => p.Tokens), folded.Turns.Where(t => t.Form.StartsWith('L')).Sum(t => t.Tokens));

        var newest = folded.Turns[^1];
        Assert.Equal("text", newest.Form);
        var messages = FoldedMessages.Build(turns, folded);
        Assert.Equal(turns[^1].Text, Assert.IsType<string>(Assert.Single(messages[^1].Parts)));

        var rank = folded.Turns.Select(t => FoldThresholds.Forms.ToList().IndexOf(t.Form)).ToList();
        for (var i = 1; i < rank.Count; i++)
            Assert.True(rank[i - 1] >= rank[i], $"turn {i} ({folded.Turns[i - 1].Form}) is sharper than the newer turn {i + 1} ({folded.Turns[i].Form})");
        Assert.All(folded.Turns.Where(t => t.Form.StartsWith('L')), t => Assert.NotEmpty(t.Pages));
        Assert.All(folded.Pages, p => Assert.NotEmpty(p.Turns));
    }

    [Fact]
    public void A_long_transcript_under_a_tight_budget_folds_older_turns_denser_and_saves_tokens()
    {
        var turns = Transcript("refactoring");
        var profile = ProfileCatalog.Get("deepseek-ocr-base");
        var roomy = ConversationFolder.Fold(turns, profile, 1_000_000);
        var tight = ConversationFolder.Fold(turns, profile, 1000);
        var asText = roomy.Turns.Sum(t => t.SourceTokens);

        // The ladder alone already folds the old turns: fewer tokens than the text.
        Assert.True(roomy.Tokens < asText, $"{roomy.Tokens} folded vs {asText} as text");
        Assert.Contains(roomy.Turns, t => t.Form == "L1");
        Assert.Contains(roomy.Turns, t => t.Form is "L3" or "L4");
        // A tighter budget only ever moves turns down the ladder.
        Assert.All(roomy.Turns.Zip(tight.Turns), p => Assert.True(FoldThresholds.Forms.ToList().IndexOf(p.Second.Form) >= FoldThresholds.Forms.ToList().IndexOf(p.First.Form)));
        Assert.True(tight.Tokens < roomy.Tokens);
    }

    [Fact]
    public void A_newest_turn_over_the_budget_is_an_error_not_a_truncation()
    {
        var turns = Transcript("debugging");
        var error = Assert.Throws<UserError>(() => ConversationFolder.Fold(turns, ProfileCatalog.Get("deepseek-ocr-base"), 10));
        Assert.Contains("the newest turn alone costs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_in_a_transcript_are_masked_before_anything_is_counted_or_drawn()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cc-fold-{Guid.NewGuid():N}.json");
        const string key = "AKIAIOSFODNN7EXAMPLQ";
        File.WriteAllText(file, $$"""[{"role":"user","content":"deploy with aws_access_key_id = {{key}} please"},{"role":"assistant","content":"ok"}]""");
        try
        {
            var turns = TranscriptReader.Read(file);
            Assert.DoesNotContain(key, turns[0].Text, StringComparison.Ordinal);
            Assert.Contains("deploy with", turns[0].Text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Tool_calls_and_tool_results_are_turns_with_their_calls_written_out()
    {
        var turns = Transcript("refactoring");
        var call = turns.First(t => t.Role == "assistant" && t.Text.Contains("tool call read_region(", StringComparison.Ordinal));
        Assert.Contains("\"startLine\": 1", call.Text, StringComparison.Ordinal);
        Assert.Contains(turns, t => t.Role == "tool");
    }
}
