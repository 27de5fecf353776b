using System.Text.Json;
using CodeContext.Core;
using CodeContext.Packing.Planning;
using CodeContext.Rendering.Tokenizers;
using Microsoft.CodeAnalysis.CSharp;

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

            var project = document.Project.ParseOptions;

            var reused = FileFacts.Get(file.RelativePath, text, tokenizer, settings, null, CancellationToken.None, tree, project);
            var fresh = FileFacts.Get(file.RelativePath, text, tokenizer, settings, null, CancellationToken.None, project: project);

            Assert.Equal(JsonSerializer.Serialize(fresh), JsonSerializer.Serialize(reused));
        }
    }

    [Fact]
    public async Task Facts_of_a_Preview_parsed_workspace_tree_equal_a_default_parse_and_are_cached_apart()
    {
        // A syntax-only project parses as Preview: pricing reuses that tree instead of parsing again.
        var workspace = shop.Analysis.Workspace;
        var tokenizer = TokenizerCatalog.Get("deepseek-v3");
        var settings = PlannerSettings.Default with { SliceAboveTokens = 200, SliceLines = 40 };
        var preview = new CSharpParseOptions(LanguageVersion.Preview);
        var root = Directory.CreateTempSubdirectory("codecontext-facts-").FullName;
        try
        {
            var cache = new CacheDirectory(root);
            var files = workspace.Files.Take(40).ToList();
            foreach (var file in files)
            {
                var text = (await workspace.GetDocument(file).GetTextAsync()).ToString();
                var tree = CSharpSyntaxTree.ParseText(text, preview, file.FullPath);

                var fromTree = FileFacts.Get(file.RelativePath, text, tokenizer, settings, null, CancellationToken.None, tree, preview);
                var plain = FileFacts.Get(file.RelativePath, text, tokenizer, settings, null, CancellationToken.None);
                Assert.Equal(JsonSerializer.Serialize(plain), JsonSerializer.Serialize(fromTree));

                FileFacts.Get(file.RelativePath, text, tokenizer, settings, cache, CancellationToken.None, tree, preview);
                FileFacts.Get(file.RelativePath, text, tokenizer, settings, cache, CancellationToken.None);
            }

            // Facts of a Preview parse never answer for a default one: each language version has its entry.
            Assert.Equal(2 * files.Count, Directory.EnumerateFiles(Path.Combine(root, FileFacts.Area.Name), "*.json", SearchOption.AllDirectories).Count());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Lone_using_region_and_pragma_lines_are_found_anywhere_but_not_in_a_string()
    {
        const string file = """
            namespace Lib
            {
                using System;
                using Map = System.Collections.Generic.Dictionary<string, int>;

                public sealed class A
                {
                    #region Fields
                    #pragma warning disable CA1000
                    private const string Code = @"
            #region not a directive
            using Nothing;
            ";
                    #endregion
                    public void M() { using var s = new System.IO.MemoryStream(); }
                }
            }
            """;
        var facts = FileFacts.Get("A.cs", file, TokenizerCatalog.Get("deepseek-v3"), PlannerSettings.Default, null, CancellationToken.None);
        var lines = file.Split('\n');
        Assert.Equal(
            [.. Enumerable.Range(1, lines.Length).Where(n => lines[n - 1].Trim() is "using System;" or "#region Fields" or "#endregion" or "#pragma warning disable CA1000" || lines[n - 1].TrimStart().StartsWith("using Map", StringComparison.Ordinal))],
            facts.DirectiveLines);
        Assert.Equal(5, facts.DirectiveLines.Count);
    }

    [Fact]
    public void Folded_outlines_leave_out_the_licence_and_usings_and_keep_a_sentence_of_documentation()
    {
        const string file = """
            // Copyright (c) Contoso. Licensed under the MIT licence.
            using System;

            namespace Lib;

            /// <summary>
            /// Adds numbers. Never throws.
            /// </summary>
            /// <param name="a">The first.</param>
            public sealed class Adder
            {
                public int Add(int a, int b) { return a + b; }
            }
            """;
        var tokenizer = TokenizerCatalog.Get("deepseek-v3");
        Assert.Contains("Copyright", Assert.Single(FileFacts.Get("Adder.cs", file, tokenizer, PlannerSettings.Default with { OutlineDocumentation = DocumentationFold.Full }, null, CancellationToken.None).Slices).Outline, StringComparison.Ordinal);
        var slice = Assert.Single(FileFacts.Get("Adder.cs", file, tokenizer, PlannerSettings.Default with { OutlineDocumentation = DocumentationFold.Summary }, null, CancellationToken.None).Slices);
        Assert.NotNull(slice.Outline);
        Assert.DoesNotContain("Copyright", slice.Outline, StringComparison.Ordinal);
        Assert.DoesNotContain("using System;", slice.Outline, StringComparison.Ordinal);
        Assert.DoesNotContain("<param", slice.Outline, StringComparison.Ordinal);
        Assert.Contains("/// Adds numbers.\n", slice.Outline.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("public int Add(int a, int b)", slice.Outline, StringComparison.Ordinal);
    }
}
