using System.Globalization;
using Shop.Services.Orders;
using Shop.Domain.ValueObjects;

namespace Shop.Api.Legacy;

/// <summary>
/// Reads orders exported by the old shop system (semicolon-separated, one line per item) so they can
/// be replayed through <see cref="IOrderService"/>. Kept until the last migration batch is done;
/// excluded from code context on purpose (see .codecontextignore).
/// </summary>
[Obsolete("Only for the 2024 migration; use POST /orders.")]
public static class LegacyOrderImporter
{
    /// <summary>
    /// Groups lines of the form <c>customerId;sku;quantity;currency;token</c> into commands, one per customer.
    /// </summary>
    public static IReadOnlyList<PlaceOrderCommand> Parse(IEnumerable<string> lines)
    {
        return lines
            .Where(line => !string.IsNullOrWhiteSpace(line) && !line.StartsWith('#'))
            .Select(ParseLine)
            .GroupBy(row => (row.CustomerId, row.Currency, row.Token))
            .Select(group => new PlaceOrderCommand(
                group.Key.CustomerId,
                [.. group.Select(row => new OrderItemRequest(row.Sku, row.Quantity))],
                group.Key.Currency,
                group.Key.Token))
            .ToList();
    }

    private static (Guid CustomerId, string Sku, int Quantity, Currency Currency, string Token) ParseLine(string line)
    {
        var fields = line.Split(';');
        if (fields.Length != 5)
        {
            throw new FormatException($"Legacy line has {fields.Length} fields, expected 5: {line}");
        }

        return (
            Guid.Parse(fields[0]),
            fields[1],
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            Enum.Parse<Currency>(fields[3], ignoreCase: true),
            fields[4]);
    }
}
