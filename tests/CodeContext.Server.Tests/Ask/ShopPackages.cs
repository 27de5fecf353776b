using System.Collections.Concurrent;
using CodeContext.Analyzers;
using CodeContext.Analyzers.Loading;
using CodeContext.Packing;
using CodeContext.Server.Tests.Harness;

namespace CodeContext.Server.Tests.Ask;

/// <summary>The sample composed once per profile for the exchange tests (loading is most of a compose).</summary>
public sealed class ShopPackages
{
    public const string Active = "src/Shop.Services/Orders/OrderService.cs";
    private readonly Lazy<Task<CodebaseAnalysis>> _analysis = new(() => CodebaseAnalysis.OpenAsync(RepoLayout.Sample, new LoadOptions(), cache: null));
    private readonly ConcurrentDictionary<string, Lazy<Task<ContextPackage>>> _packages = new(StringComparer.Ordinal);

    public Task<CodebaseAnalysis> Analysis => _analysis.Value;

    public Task<ContextPackage> For(string profile, int budget = 6000) =>
        _packages.GetOrAdd($"{profile}/{budget}", _ => new Lazy<Task<ContextPackage>>(async () =>
        {
            var session = new ComposeSession();
            session.Prepare(profile);
            var request = new ComposeRequest(Active) { Profile = profile, Budget = budget, Query = "Why does PlaceOrderAsync reserve stock before charging?" };
            return await new ContextComposer(session: session).ComposeAsync(await Analysis, request, CancellationToken.None);
        })).Value;
}
