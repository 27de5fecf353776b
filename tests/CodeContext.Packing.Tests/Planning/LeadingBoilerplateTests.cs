using CodeContext.Packing.Planning;

namespace CodeContext.Packing.Tests.Planning;

/// <summary>Pages leave out what opens most files (licence, usings, regions); text stays exact and regions name the lines drawn.</summary>
public sealed class LeadingBoilerplateTests(ShopFixture shop) : IClassFixture<ShopFixture>
{
    [Fact]
    public void A_licence_block_usings_and_regions_are_skipped_up_to_the_first_declaration()
    {
        const string file = """
            // Licensed to the .NET Foundation under one or more agreements.
            // The .NET Foundation licenses this file to you under the MIT license.
            /* Copyright (c) Contoso.
               All rights reserved. */

            using System;
            global using System.Linq;
            using static System.Math;
            using Map = System.Collections.Generic.Dictionary<string, int>;
            #nullable enable
            #region Types

            namespace Lib;

            public sealed class A { }
            """;
        var lines = file.Split('\n');
        var skipped = LeadingBoilerplate.Lines(file);
        Assert.Equal("namespace Lib;", lines[skipped].Trim());
    }

    [Theory]
    [InlineData("/// <summary>Documented.</summary>\npublic class A { }\n", 0)]
    [InlineData("using (var stream = Open())\n{\n}\n", 0)]
    [InlineData("#if NET8_0\nusing System;\n#endif\nnamespace A;\n", 0)]
    [InlineData("/* never closed\nnamespace A;\n", 0)]
    [InlineData("// only a comment\n", 0)]
    [InlineData("using System;\n\n[assembly: Foo]\n", 2)]
    public void Code_is_never_skipped(string text, int expected) => Assert.Equal(expected, LeadingBoilerplate.Lines(text));

    [Fact]
    public async Task Pages_of_the_sample_start_after_the_usings_and_text_keeps_them()
    {
        var package = await new ContextComposer().ComposeAsync(shop.Analysis, new ComposeRequest(ShopFixture.Active) { Budget = 8000 }, CancellationToken.None);

        var fragments = package.RenderedSources;
        Assert.NotEmpty(fragments);
        foreach (var fragment in fragments.Where(f => f.Text.Length > 0))
        {
            var first = fragment.Text.Split('\n')[0].Trim();
            Assert.False(first.StartsWith("using ", StringComparison.Ordinal) && first.EndsWith(';'), $"{fragment.RelativePath}:{fragment.StartLine} starts with '{first}'");
        }

        // The regions name the lines the page draws: the file's own line numbers.
        var regions = package.Manifest.Segments.Where(s => s.Regions is not null).SelectMany(s => s.Regions!).ToList();
        var opening = regions.First(r => r.StartLine > 1);
        var source = File.ReadAllLines(Path.Combine(RepositoryPaths.Shop, opening.Path));
        Assert.DoesNotContain("using ", source[opening.StartLine - 1], StringComparison.Ordinal);
    }
}
