using System.Text.Json;
using CodeContext.Core.Secrets;

namespace CodeContext.Core.Tests.Secrets;

/// <summary>
/// Secrets as idiomatic C# writes them (property initialisers, indexers, constants, positional
/// arguments, keys beside their ids, PEM blocks cut off, Authorization literals): every planted
/// value is masked, and ordinary code that merely talks about passwords and tokens is not.
/// </summary>
public sealed class SecretIdiomTests
{
    private sealed record Planted(string Snippet, string Secret);

    private sealed record Corpus(List<Planted> Planted, List<string> Clean);

    private static readonly Corpus Idioms = JsonSerializer.Deserialize<Corpus>(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "CodeContext.Core.Tests", "Fixtures", "secret-idioms.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static TheoryData<int> PlantedCases() => [.. Enumerable.Range(0, Idioms.Planted.Count)];

    public static TheoryData<int> CleanCases() => [.. Enumerable.Range(0, Idioms.Clean.Count)];

    [Fact]
    public void The_corpus_plants_thirty_secrets_in_distinct_idioms()
    {
        Assert.True(Idioms.Planted.Count >= 30, $"{Idioms.Planted.Count} planted");
        Assert.All(Idioms.Planted, p => Assert.Contains(p.Secret, p.Snippet, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PlantedCases))]
    public void Every_planted_secret_is_masked(int index)
    {
        var (snippet, secret) = (Idioms.Planted[index].Snippet, Idioms.Planted[index].Secret);
        var (masked, findings) = SecretMasker.Mask(snippet);
        Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        // No part of it either: a half-masked key is still half a key.
        Assert.DoesNotContain(secret[..(secret.Length / 2)], masked, StringComparison.Ordinal);
        Assert.NotEmpty(findings);
        Assert.Equal(snippet.Length, masked.Length);
    }

    [Theory]
    [MemberData(nameof(CleanCases))]
    public void Ordinary_code_stays_as_it_is(int index) =>
        Assert.Equal(Idioms.Clean[index], SecretMasker.Mask(Idioms.Clean[index]).Text);
}
