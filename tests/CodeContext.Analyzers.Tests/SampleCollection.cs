using CodeContext.TestUtilities;

namespace CodeContext.Analyzers.Tests;

/// <summary>The test classes that share one load of the restored sample (xunit wants the definition in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class SampleCollection : ICollectionFixture<ShopFixture>
{
    public const string Name = "sample";
}
