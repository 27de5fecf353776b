namespace CodeContext.Packing.Tests;

/// <summary>This project's own test inputs (the secret-masking corpus), under the repository root.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot => RepositoryPaths.Root;

    public static string SecretsFixture => Path.Combine(RepositoryRoot, "tests", "CodeContext.Packing.Tests", "Fixtures", "Secrets");

    public static string SecretValues => Path.Combine(RepositoryRoot, "tests", "CodeContext.Packing.Tests", "Fixtures", "secret-values.json");
}
