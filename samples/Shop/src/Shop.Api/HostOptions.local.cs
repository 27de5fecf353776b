namespace Shop.Api;

// My local settings: pretty JSON while I debug the order endpoints. Not for commit (see .gitignore).
public sealed partial class HostOptions
{
    partial void ApplyLocalOverrides()
    {
        IndentJson = true;
        CatalogCacheLifetime = TimeSpan.FromSeconds(30);
    }
}
