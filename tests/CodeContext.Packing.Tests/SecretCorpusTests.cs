using System.Text.Json;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Core.Secrets;

namespace CodeContext.Packing.Tests;

/// <summary>
/// The fake-secret corpus (Fixtures/Secrets, values in Fixtures/secret-values.json: all EXAMPLE
/// patterns) must never reach a bundle: values masked in text and in what the renderer draws,
/// secret-looking files excluded and listed as such.
/// </summary>
public sealed class SecretCorpusTests
{
    private static readonly IReadOnlyDictionary<string, string> Values =
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(TestPaths.SecretValues))!;

    [Fact]
    public void Corpus_covers_at_least_twenty_kinds_and_every_kind_is_caught_by_its_own_rule()
    {
        Assert.True(Values.Count >= 20, $"{Values.Count} kinds");
        var source = string.Concat(Directory.EnumerateFiles(TestPaths.SecretsFixture, "*.cs").Select(File.ReadAllText));
        var (masked, findings) = SecretMasker.Mask(source);
        foreach (var (kind, value) in Values)
        {
            Assert.Contains(value, source, StringComparison.Ordinal);
            Assert.DoesNotContain(value, masked, StringComparison.Ordinal);
            Assert.Contains(findings, f => f.Rule == kind);
        }

        Assert.Equal(source.Length, masked.Length);
        Assert.Equal(source.Count(c => c == '\n'), masked.Count(c => c == '\n'));
    }

    [Fact]
    public void Ordinary_code_is_left_alone()
    {
        const string code = """
            var password = Console.ReadLine();
            if (password.Length < 8) throw new ArgumentException("too short", nameof(password));
            var token = await GetTokenAsync(cancellationToken);
            const string Sku = "TEA-0042-GREEN";
            """;
        Assert.Equal(code, SecretMasker.Mask(code).Text);
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(4000)]
    [InlineData(60000)]
    public async Task No_secret_reaches_any_output(int budget)
    {
        var analysis = await CodebaseAnalysis.OpenAsync(TestPaths.SecretsFixture, new LoadOptions(), null);
        var package = await new ContextComposer().ComposeAsync(analysis, new ComposeRequest("Checkout.cs") { Budget = budget }, CancellationToken.None);
        var outDir = Directory.CreateTempSubdirectory("codecontext-secrets-").FullName;
        try
        {
            await BundleWriter.WriteAsync(package, outDir, CancellationToken.None);
            var outputs = new[] { BundleWriter.ManifestFile, BundleWriter.ContextFile, BundleWriter.OpenAiFile, BundleWriter.DeepSeekFile }
                .Select(f => File.ReadAllText(Path.Combine(outDir, f)))
                .Concat(package.Parts.OfType<TextPart>().Select(p => p.Text))
                .Concat(package.RenderedSources.Select(f => f.Text))
                .ToList();
            foreach (var (kind, value) in Values)
            {
                Assert.All(outputs, text => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
                _ = kind;
            }

            foreach (var fileOnly in new[] { "EXAMPLE-env-password", "EXAMPLE-appsettings-pw", "EXAMPLE-user-secret", "EXAMPLEfakePEMbody", "EXAMPLEfakeSSHkey" })
            {
                Assert.All(outputs, text => Assert.DoesNotContain(fileOnly, text, StringComparison.Ordinal));
            }

            // The secret files are reported as excluded; a configuration without secrets is not.
            var files = package.Manifest.Files.ToDictionary(f => f.Path);
            foreach (var path in new[] { ".env", "appsettings.json", "secrets.json", "certs/example.pem", "id_rsa" })
            {
                Assert.Equal("excluded", files[path].Form);
            }

            Assert.False(files.ContainsKey("appsettings.Development.json"));
            Assert.Equal(5, package.Manifest.Secrets.ExcludedFiles);

            // Whatever of the secret-holding sources is carried, in text or on pages, is carried masked.
            var carried = package.RenderedSources.Select(f => f.Text).Concat(package.Manifest.Segments.Where(s => s.Kind == "text").Select(s => s.Text!));
            Assert.Contains(carried, t => t.Contains(new string(SecretMasker.MaskChar, 20), StringComparison.Ordinal));
            Assert.True(package.Manifest.Secrets.MaskedValues.Values.Sum() >= Values.Count);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
