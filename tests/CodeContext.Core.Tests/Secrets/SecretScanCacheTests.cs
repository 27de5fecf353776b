using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeContext.Core.Secrets;
using CodeContext.Core.Sources;

namespace CodeContext.Core.Tests.Secrets;

/// <summary>
/// The secret scan's cache (docs/security.md): the gate's masked text is the same with and without
/// it, a changed file is scanned again, and an entry that is corrupt or belongs to another text or
/// rule set is ignored: it can never unmask.
/// </summary>
public sealed class SecretScanCacheTests : IDisposable
{
    private sealed record Planted(string Snippet, string Secret);

    private sealed record Corpus(List<Planted> Planted, List<string> Clean);

    private static readonly Corpus Idioms = JsonSerializer.Deserialize<Corpus>(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "CodeContext.Core.Tests", "Fixtures", "secret-idioms.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    private const string Secret = "Tr0ub4dor&3x-horse-battery";
    private const string WithSecret = "class Settings\n{\n    public string DbPassword { get; init; } = \"" + Secret + "\";\n}\n";
    private const string Clean = "class Settings\n{\n    public string DbPassword { get; init; } = \"\";\n}\n";

    private readonly TempTree _source = new();
    private readonly TempTree _cache = new();

    public void Dispose()
    {
        _source.Dispose();
        _cache.Dispose();
    }

    private SourceGate CachedGate() => new(_source.Root, new SecretScanCache(new CacheDirectory(_cache.Root)));

    private string EntryFolder => Path.Combine(_cache.Root, SecretScanCache.Area.Name);

    private string[] Entries() => Directory.Exists(EntryFolder) ? Directory.GetFiles(EntryFolder, "*.json", SearchOption.AllDirectories) : [];

    [Fact]
    public void The_masked_text_and_findings_are_the_same_with_and_without_the_cache_cold_and_warm()
    {
        // Every planted idiom and clean snippet of the corpus, and every source file of the sample.
        var files = new List<string>();
        foreach (var (snippet, i) in Idioms.Planted.Select((p, i) => (p.Snippet, i))) files.Add(Write($"planted/{i}.cs", snippet));
        foreach (var (snippet, i) in Idioms.Clean.Select((c, i) => (c, i))) files.Add(Write($"clean/{i}.cs", snippet));
        foreach (var shop in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples", "Shop"), "*.cs", SearchOption.AllDirectories))
        {
            files.Add(Write("shop/" + Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "samples", "Shop"), shop).Replace('\\', '/'), File.ReadAllText(shop)));
        }

        var uncached = new SourceGate(_source.Root);
        foreach (var round in new[] { "cold", "warm" })
        {
            var gate = CachedGate();
            foreach (var file in files)
            {
                var expected = uncached.Read(file);
                var actual = gate.Read(file);
                Assert.True(expected.Text == actual.Text, $"{round}: {file} masked differently");
                Assert.Equal(expected.Secrets, actual.Secrets);
            }
        }

        Assert.Equal(files.Select(File.ReadAllText).Distinct(StringComparer.Ordinal).Count(), Entries().Length);
        Assert.All(Idioms.Planted.Select((p, i) => (p, i)), x => Assert.DoesNotContain(x.p.Secret, CachedGate().Read(_source.PathOf($"planted/{x.i}.cs")).Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_changed_to_hold_a_secret_is_scanned_again()
    {
        var path = Write("Settings.cs", Clean);
        Assert.Empty(CachedGate().Read(path).Secrets);

        Write("Settings.cs", WithSecret);
        AssertMasked(path);
        Assert.Equal(2, Entries().Length);
    }

    [Fact]
    public void A_corrupt_entry_is_ignored_and_the_text_scanned_again()
    {
        var (path, entry) = Scanned(WithSecret);

        foreach (var garbage in new[] { "", "{", "null", "{\"hits\":[{\"start\":0,\"length\":1}]}", "\u0000\u0001binary" })
        {
            File.WriteAllText(entry, garbage);
            AssertMasked(path);
        }
    }

    [Fact]
    public void Another_texts_entry_in_a_files_place_never_unmasks_it()
    {
        var secretPath = Write("Settings.cs", WithSecret);
        var cleanPath = Write("Clean.cs", Clean);
        CachedGate().Read(secretPath);
        var secretEntry = Assert.Single(Entries());
        CachedGate().Read(cleanPath);
        var cleanEntry = Assert.Single(Entries(), e => e != secretEntry);

        // The clean file's entry (no hits) copied over the secret file's: a foreign entry.
        File.Copy(cleanEntry, secretEntry, overwrite: true);
        AssertMasked(secretPath);
    }

    [Fact]
    public void An_entry_from_other_rules_or_with_hits_outside_the_text_is_ignored()
    {
        var (path, entry) = Scanned(WithSecret);
        var original = JsonNode.Parse(File.ReadAllText(entry))!;

        var tampered = new List<JsonNode>();
        var otherRules = original.DeepClone();
        otherRules["rules"] = new string('0', 64);
        otherRules["hits"] = new JsonArray();
        tampered.Add(otherRules);
        var outside = original.DeepClone();
        outside["hits"]![0]!["start"] = WithSecret.Length + 5;
        tampered.Add(outside);
        var unknownRule = original.DeepClone();
        unknownRule["hits"]![0]!["rule"] = "no-such-rule";
        tampered.Add(unknownRule);

        foreach (var node in tampered)
        {
            File.WriteAllText(entry, node.ToJsonString());
            AssertMasked(path);
        }
    }

    [Fact]
    public void A_valid_entry_is_applied_as_it_stands()
    {
        // The cache is what the gate uses when the entry checks out: a hit it names is masked even
        // though this text's own scan finds nothing there.
        var (path, entry) = Scanned(Clean);
        var node = JsonNode.Parse(File.ReadAllText(entry))!;

        var start = Clean.IndexOf("Settings", StringComparison.Ordinal);
        node["hits"] = new JsonArray(new JsonObject { ["start"] = start, ["length"] = 8, ["rule"] = "aws-access-key-id", ["line"] = 1 });
        File.WriteAllText(entry, node.ToJsonString());

        var read = CachedGate().Read(path);

        Assert.StartsWith("class ********", read.Text, StringComparison.Ordinal);
        Assert.Equal(new SecretFinding("aws-access-key-id", 1), Assert.Single(read.Secrets));
    }

    /// <summary>A file of <paramref name="content"/> read once through the cached gate, and its one cache entry.</summary>
    private (string Path, string Entry) Scanned(string content)
    {
        var path = Write("Settings.cs", content);
        CachedGate().Read(path);
        return (path, Assert.Single(Entries()));
    }

    private void AssertMasked(string path)
    {
        var read = CachedGate().Read(path);
        Assert.DoesNotContain(Secret, read.Text, StringComparison.Ordinal);
        Assert.NotEmpty(read.Secrets);
    }

    private string Write(string relative, string content)
    {
        _source.With(relative, content);
        return _source.PathOf(relative);
    }
}
