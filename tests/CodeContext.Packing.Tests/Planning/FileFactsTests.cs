using System.Text.Json;
using CodeContext.Packing.Planning;
using CodeContext.Rendering.Tokenizers;

namespace CodeContext.Packing.Tests.Planning;

/// <summary>Pricing may reuse the workspace's parse of a file: the facts must be those of a fresh parse.</summary>
public sealed class FileFactsTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    [Fact]
    public async Task Facts_priced_from_the_workspace_tree_equal_those_of_a_fresh_parse()
    {
        var workspace = shop.Analysis.Workspace;
        var tokenizer = TokenizerCatalog.Get("deepseek-v3");
        // Small slices, so that files are cut and every slice's outline comes from the tree too.
        var settings = PlannerSettings.Default with { SliceAboveTokens = 200, SliceLines = 40 };
        Assert.True(workspace.Files.Count > 50);
        foreach (var file in workspace.Files)
        {
            var document = workspace.GetDocument(file);
            var text = (await document.GetTextAsync()).ToString();
            var tree = await document.GetSyntaxTreeAsync();

            var reused = FileFacts.Get(file.RelativePath, text, tokenizer, settings, null, CancellationToken.None, tree);
            var fresh = FileFacts.Get(file.RelativePath, text, tokenizer, settings, null, CancellationToken.None);

            Assert.Equal(JsonSerializer.Serialize(fresh), JsonSerializer.Serialize(reused));
        }
    }
}
