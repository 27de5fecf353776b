namespace Shop.Api;

/// <summary>
/// How the console host behaves. A developer can change the defaults without touching this file by
/// adding <c>HostOptions.local.cs</c> (ignored by git) that implements <see cref="ApplyLocalOverrides"/>.
/// </summary>
public sealed partial class HostOptions
{
    /// <summary>Print each request before its response.</summary>
    public bool EchoRequests { get; set; } = true;

    /// <summary>Indent response JSON.</summary>
    public bool IndentJson { get; set; }

    /// <summary>Lifetime of the product cache in front of the catalog.</summary>
    public TimeSpan CatalogCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The defaults plus any local overrides.</summary>
    public static HostOptions Load()
    {
        var options = new HostOptions();
        options.ApplyLocalOverrides();
        return options;
    }

    partial void ApplyLocalOverrides();
}
