namespace CodeContext.Core.Tests;

/// <summary>A cache directory of its own under the temp folder, removed after the test.</summary>
internal sealed class TempCacheDirectory : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cc-cache-" + Guid.NewGuid().ToString("N")[..8]);

    public CacheDirectory Cache => new(Root);

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
