using CodeContext.Packing.Planning;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing.Tests.Planning;

/// <summary>Pricing counts a slice bare and fenced from one tokenization of its bulk: the counts must equal counting each text whole.</summary>
public sealed class FencedTokenCountTests
{
    public static TheoryData<string> Tokenizers => ["deepseek-v3", "o200k_base"];

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Counts_equal_whole_counts_on_every_source_file_of_the_repository(string id)
    {
        var tokenizer = TokenizerCatalog.Get(id);
        var files = Directory.EnumerateFiles(TestPaths.RepositoryRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 300, $"only {files.Count} files found");
        foreach (var file in files)
        {
            AssertExact(tokenizer, Path.GetRelativePath(TestPaths.RepositoryRoot, file), File.ReadAllText(file));
        }
    }

    [Theory]
    [InlineData("class A\n{\n}\n")]
    [InlineData("class A\r\n{\r\n}")]
    [InlineData("int x = 1;\n// 123 comment\n/// <summary>x</summary>\n2024;\n")]
    [InlineData("x;   \n\n  \n}\n   ")]
    [InlineData("a\n\n\n\"字符串\" + 12345;\n漢字\nπ = 3.14159;\n")]
    [InlineData("s = \"<|EOT|>\";\n}\n")]
    [InlineData("s = \"｜\";\nt;\n")]
    [InlineData("    indented first\n}\n")]
    [InlineData("\nstarts with a break\n}")]
    [InlineData("one line")]
    [InlineData("")]
    [InlineData("a;\n\u00a0b;\n\u2028c;\n")]
    [InlineData("x\n/*\n*/\n#if DEBUG\n#endif\n@\"verbatim\n\"\n$$\"\"\"\nraw\n\"\"\";\n")]
    public void Counts_equal_whole_counts_on_awkward_text(string text)
    {
        foreach (var id in TokenizerCatalog.Ids)
        {
            AssertExact(TokenizerCatalog.Get(id), "src/A.cs (lines 10-20)", text);
        }
    }

    [Fact]
    public void A_file_is_cut_at_its_last_line_that_starts_with_code()
    {
        Assert.Equal("class A\n{\n".Length, FencedTokenCount.LastCut("class A\n{\n}\n"));
        Assert.Equal(0, FencedTokenCount.LastCut("    only indented\n    lines\n"));
        Assert.Equal(0, FencedTokenCount.LastCut(""));
    }

    private static void AssertExact(ITextTokenizer tokenizer, string caption, string text)
    {
        var (bare, fenced) = FencedTokenCount.Count(tokenizer, caption, text);
        Assert.Equal(tokenizer.CountTokens(text), bare);
        Assert.Equal(tokenizer.CountTokens(SegmentText.Code(caption, text)), fenced);
    }
}
