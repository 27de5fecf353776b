using CodeContext.Packing.Planning;
using CodeContext.Rendering;
using CodeContext.Rendering.Layout;
using CodeContext.Rendering.Profiles;

namespace CodeContext.Packing.Tests.Planning;

/// <summary>Pages fold each documentation comment as their level says (its summary's first sentence, or nothing), leave out lone directives, and still name the file's own lines.</summary>
public sealed class DocCommentFoldingTests
{
    private const string Source = """
        namespace Lib;

        /// <summary>
        /// Registers a result generator for the <see cref="T:Lib.OutcomeGenerator`1"/>. The generator
        /// is called once per attempt.
        /// </summary>
        /// <param name="generator">The generator.</param>
        /// <returns>The same instance.</returns>
        public sealed class OutcomeGenerator
        {
            /// <param name="weight">Only parameters: nothing to keep.</param>
            /// <returns>Nothing either.</returns>
            public int Weight(int weight) => weight;

            /// <inheritdoc/>
            public override string ToString() => "generator";

            /// <summary>The weight of a <see cref="T:Lib.OutcomeGenerator"/> that is not given one.</summary>
            public const int DefaultWeight = 100;
        }
        """;

    [Fact]
    public void A_comment_becomes_its_first_sentence_and_the_numbers_skip_what_was_folded()
    {
        var (text, numbers) = DocCommentFolding.Fold(Source, 1);
        var lines = text.Split('\n');
        Assert.Equal("/// Registers a result generator for the Lib.OutcomeGenerator`1.", lines[2]);
        Assert.NotNull(numbers);
        Assert.Equal(lines.Length, numbers!.Length);
        // The folded comment shows as the comment's first line; the class follows at its own number.
        Assert.Equal(3, numbers[2]);
        Assert.Equal("public sealed class OutcomeGenerator", lines[3]);
        Assert.Equal(9, numbers[3]);
        // A comment of parameters alone leaves nothing; a one-line comment stays as it is.
        Assert.Equal("    public int Weight(int weight) => weight;", lines[5]);
        Assert.Equal(13, numbers[5]);
        Assert.Contains("    /// <inheritdoc/>", lines);
        Assert.Contains("    /// The weight of a Lib.OutcomeGenerator that is not given one.", lines);
        var sourceLines = Source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal)) Assert.Equal(sourceLines[numbers[i] - 1], lines[i]);
        }
    }

    [Fact]
    public void Text_without_documentation_is_left_alone_and_line_breaks_survive()
    {
        const string plain = "namespace Lib;\n// a comment\n// another\npublic class A { }";
        Assert.Equal((plain, (int[]?)null), DocCommentFolding.Fold(plain, 5));

        var (text, numbers) = DocCommentFolding.Fold(Source.ReplaceLineEndings("\r\n"), 1);
        Assert.Equal("/// Registers a result generator for the Lib.OutcomeGenerator`1.\r", text.Split('\n')[2]);
        Assert.Equal(text.Split('\n').Length, numbers!.Length);
    }

    [Fact]
    public void Pages_of_a_folded_fragment_name_the_files_own_lines()
    {
        var (text, numbers) = DocCommentFolding.Fold(Source, 1);
        var fragment = new SourceFragment("src/OutcomeGenerator.cs", 1, 20, text, []) { LineNumbers = numbers };
        var profile = ProfileCatalog.Get("deepseek-ocr-base");
        var layout = PageLayoutEngine.Layout([fragment], new RenderRequest { Profile = profile, Level = "L1" });
        var region = Assert.Single(Assert.Single(layout.Pages).Regions);
        Assert.Equal((1, 20), (region.StartLine, region.EndLine));
        Assert.Equal(3, fragment.LineAt(2));
        Assert.Single(PageRenderer.Render([fragment], new RenderRequest { Profile = profile, Level = "L1" }));
    }

    [Fact]
    public void A_dense_level_drops_every_documentation_line_and_the_rest_keeps_its_numbers()
    {
        var (text, numbers) = DocCommentFolding.Fold(Source, 1, DocumentationFold.Drop);
        var lines = text.Split('\n');
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("///", StringComparison.Ordinal));
        var sourceLines = Source.Split('\n');
        Assert.Equal(sourceLines.Length - sourceLines.Count(l => l.TrimStart().StartsWith("///", StringComparison.Ordinal)), lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(sourceLines[numbers![i] - 1], lines[i]);
        }
    }

    [Fact]
    public void Full_keeps_the_comments_and_skipped_lines_are_left_out()
    {
        var sourceLines = Source.Split('\n');
        var classLine = Array.IndexOf(sourceLines, "public sealed class OutcomeGenerator") + 1;
        var (text, numbers) = DocCommentFolding.Fold(Source, 1, DocumentationFold.Full, new HashSet<int> { classLine });
        var lines = text.Split('\n');
        Assert.Equal(sourceLines.Length - 1, lines.Length);
        Assert.DoesNotContain(classLine, numbers!);
        Assert.Contains("/// <returns>The same instance.</returns>", lines);
        Assert.Equal(Source, DocCommentFolding.Fold(Source, 1, DocumentationFold.Full).Text);
    }

    [Fact]
    public void A_candidates_pages_fold_by_level_and_every_line_drawn_is_the_files_own()
    {
        const string file = """
            // Copyright (c) Contoso.
            using System;

            namespace Lib
            {
                using System.Linq;

                /// <summary>Counts things. Never throws.</summary>
                /// <param name="items">What to count.</param>
                public static class Counter
                {
                    #region Counting
                    public static int Count(int[] items) => items.Count();
                    #endregion
                }
            }
            """;
        var candidate = Assert.Single(CandidateBuilder.ForFile("src/Counter.cs", file, new FileRelevance(1, []), new HashSet<string>(), Rendering.Tokenizers.TokenizerCatalog.Get("deepseek-v3"), PlannerSettings.Default, null, CancellationToken.None));
        var sourceLines = file.Split('\n');
        var legible = candidate.Page(Fidelity.L1);
        var dense = candidate.Page(Fidelity.L4);
        Assert.Same(legible, candidate.Page(Fidelity.L2));
        Assert.Contains("    /// Counts things.", legible.Text.Split('\n'));
        Assert.DoesNotContain("///", dense.Text, StringComparison.Ordinal);
        foreach (var page in new[] { legible, dense })
        {
            var lines = page.Text.Split('\n');
            Assert.DoesNotContain(lines, l => l.Contains("using", StringComparison.Ordinal) || l.Contains("region", StringComparison.Ordinal));
            Assert.Contains("        public static int Count(int[] items) => items.Count();", lines);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal)) Assert.Equal(sourceLines[page.LineNumbers![i] - 1], lines[i]);
            }
        }

        // Text carries every line.
        Assert.Equal(file, candidate.Text);
    }
}
