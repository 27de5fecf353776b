using Shop.Api;
using Shop.Api.Http;
using Shop.Infrastructure.Seeding;
using Shop.Services.Pricing;

// A console stand-in for the web API: reads one request per line ("POST /orders {json}") from the
// file named on the command line, or runs a short demo, and prints each response.
var options = HostOptions.Load();
var promotions = new[]
{
    new Promotion("WELCOME10", 10m, DateTimeOffset.MinValue, DateTimeOffset.MaxValue),
    new Promotion("SPRING25", 25m, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), MinimumSubtotal: 40m),
};

await using var host = await ShopHost.StartAsync(options, Console.Out, promotions);

IEnumerable<string> script;
if (args.Length > 0)
{
    if (!File.Exists(args[0]))
    {
        Console.Error.WriteLine($"Request script '{args[0]}' does not exist.");
        return 2;
    }

    script = File.ReadLines(args[0]);
}
else
{
    script = DemoScript();
}

var failures = 0;
foreach (var line in script.Where(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#')))
{
    ApiRequest request;
    try
    {
        request = ApiRequest.Parse(line);
    }
    catch (FormatException ex)
    {
        Console.Error.WriteLine(ex.Message);
        failures++;
        continue;
    }

    if (options.EchoRequests)
    {
        Console.WriteLine($"> {request.Method} {request.Path}");
    }

    var response = await host.SendAsync(request);
    Console.WriteLine($"< {response.StatusCode} {response.BodyJson(options.IndentJson)}");
    if (response.StatusCode >= 500)
    {
        failures++;
    }
}

return failures == 0 ? 0 : 1;

static IEnumerable<string> DemoScript()
{
    yield return "GET /health";
    yield return "GET /products?category=tea";
    yield return $$"""POST /orders {"customerId":"{{SampleCatalog.AdaId}}","currency":"EUR","paymentToken":"tok_visa","discountCode":"WELCOME10","items":[{"sku":"TEA-0042","quantity":2},{"sku":"EQP-0010","quantity":1}]}""";
    yield return $$"""POST /orders {"customerId":"{{SampleCatalog.HirokiId}}","currency":"EUR","paymentToken":"tok_declined","items":[{"sku":"COF-0003","quantity":12}]}""";
    yield return $"GET /customers/{SampleCatalog.AdaId}/orders";
    yield return "GET /orders/not-a-guid";
}
