using CodeContext.Analyzers.Outline;
using CodeContext.Packing.Planning;
using CodeContext.Rendering.Tokenizers;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeContext.Packing.Tests.Planning;

public sealed class PlannerTests
{
    [Fact]
    public void Hull_drops_dominated_and_concave_options()
    {
        var hull = FidelityOptions.Hull(
        [
            new FidelityOption(Fidelity.Excluded, 0, 0),
            new FidelityOption(Fidelity.Listed, 10, 0.04),
            new FidelityOption(Fidelity.L4, 50, 0.59),
            new FidelityOption(Fidelity.L2, 100, 0.97),
            new FidelityOption(Fidelity.Outline, 300, 0.6),   // dearer than L2 and worth less: dominated
            new FidelityOption(Fidelity.Text, 1000, 1.0),
        ]);
        Assert.Equal([Fidelity.Excluded, Fidelity.L4, Fidelity.L2, Fidelity.Text], hull.Select(o => o.Form));
    }

    [Fact]
    public void Outline_keeps_signatures_and_docs_and_drops_bodies()
    {
        const string source = """
            namespace Shop;

            /// <summary>Prices orders.</summary>
            public sealed class Pricer
            {
                private readonly decimal _rate = 0.2m;

                /// <summary>Total with tax.</summary>
                public decimal Total(decimal net)
                {
                    var gross = net * (1 + _rate);
                    return Math.Round(gross, 2);
                }

                public decimal Rate => _rate;

                public Pricer() { Console.WriteLine("secret sauce"); }
            }
            """;
        var outline = OutlineBuilder.Build(source);
        Assert.Contains("/// <summary>Total with tax.</summary>", outline, StringComparison.Ordinal);
        Assert.Contains("public decimal Total(decimal net) { /* … */ }", outline, StringComparison.Ordinal);
        Assert.Contains("public decimal Rate { get { /* … */ } }", outline, StringComparison.Ordinal);
        Assert.Contains("private readonly decimal _rate = 0.2m;", outline, StringComparison.Ordinal);
        Assert.DoesNotContain("Math.Round", outline, StringComparison.Ordinal);
        Assert.DoesNotContain("secret sauce", outline, StringComparison.Ordinal);
        Assert.Empty(CSharpSyntaxTree.ParseText(outline).GetDiagnostics());
    }

    [Fact]
    public void Slices_cut_only_where_members_start()
    {
        var members = string.Concat(Enumerable.Range(0, 40).Select(i => $"    /// <summary>M{i}.</summary>\n    public int M{i}()\n    {{\n        return {i};\n    }}\n\n"));
        var source = "namespace N;\n\npublic class Big\n{\n" + members + "}\n";
        var tree = CSharpSyntaxTree.ParseText(source);
        var lines = source.Split('\n');
        var slices = SliceFinder.Slices(tree, lines.Length - 1, 60);
        Assert.True(slices.Count > 2);
        Assert.Equal(1, slices[0].Start);
        Assert.Equal(lines.Length - 1, slices[^1].End);
        for (var i = 1; i < slices.Count; i++)
        {
            Assert.Equal(slices[i - 1].End + 1, slices[i].Start);
            Assert.StartsWith("    /// <summary>", lines[slices[i].Start - 1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_outline_is_worth_the_share_of_code_names_it_keeps()
    {
        var tokenizer = TokenizerCatalog.Get("deepseek-v3");
        var body = string.Concat(Enumerable.Range(0, 12).Select(i => $"        var total{i} = order.Lines.Sum(line => line.Quantity * line.Price{i}) + shipping.Cost(order.Address, total);\n"));
        const string signatures = "namespace Shop;\n\npublic sealed class Pricer\n{\n    public decimal Total(Order order, Shipping shipping)\n    {\n";
        var heavy = FileFacts.Get("Pricer.cs", signatures + "        var total = 0m;\n" + body + "        return total;\n    }\n}\n", tokenizer, PlannerSettings.Default, null, CancellationToken.None).Slices.Single();
        const string record = "namespace Shop;\n\npublic sealed record Money(decimal Amount, string Currency)\n{\n    public Money Add(Money other) => new(Amount + other.Amount, Currency);\n}\n";
        var light = FileFacts.Get("Money.cs", record, tokenizer, PlannerSettings.Default, null, CancellationToken.None).Slices.Single();
        const string contract = "namespace Shop;\n\npublic interface IPricer\n{\n    decimal Total(Order order, Shipping shipping);\n}\n";
        var bodiless = FileFacts.Get("IPricer.cs", contract, tokenizer, PlannerSettings.Default, null, CancellationToken.None).Slices.Single();

        Assert.NotNull(heavy.Outline);
        Assert.InRange(heavy.OutlineShare, 0.01, 0.2);
        Assert.True(light.OutlineShare > heavy.OutlineShare, $"{light.OutlineShare} vs {heavy.OutlineShare}");
        // Nothing to elide: no outline option, and the share says the text is all there is.
        Assert.Null(bodiless.Outline);
        Assert.Equal(1, bodiless.OutlineShare);
    }
}
