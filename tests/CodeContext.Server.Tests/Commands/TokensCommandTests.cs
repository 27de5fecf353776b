using System.Globalization;
using CodeContext.Rendering.Tokenizers;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Commands;

/// <summary>`tokens`: a file's token count, as the named tokenizer counts it.</summary>
public sealed class TokensCommandTests
{
    [Theory]
    [InlineData("deepseek-v3")]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public async Task Tokens_counts_a_file_as_the_tokenizer_does(string tokenizerId)
    {
        var file = Path.Combine(RepositoryPaths.Shop, ShopFixture.Active);
        var expected = TokenizerCatalog.Get(tokenizerId).CountTokens(await File.ReadAllTextAsync(file));

        var (exit, stdout, stderr) = await CliRun.RunAsync("tokens", "--tokenizer", tokenizerId, "--file", file);

        Assert.True(exit == 0, stderr);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), stdout.Trim());
        Assert.True(expected > 100, $"{expected} tokens for a file of about a hundred lines");
    }

    [Fact]
    public async Task A_file_that_does_not_exist_exits_2_naming_the_option()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("tokens", "--tokenizer", "deepseek-v3", "--file", "no/such/file.cs");

        Assert.Equal(2, exit);
        Assert.Contains("--file 'no/such/file.cs'", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }
}
