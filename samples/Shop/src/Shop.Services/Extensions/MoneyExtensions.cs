using System.Globalization;
using Shop.Domain.ValueObjects;

namespace Shop.Services.Extensions;

/// <summary>Arithmetic and formatting helpers for <see cref="Money"/> used by the services.</summary>
public static class MoneyExtensions
{
    /// <summary>Sums amounts; an empty sequence gives zero in <paramref name="currency"/>.</summary>
    public static Money Sum(this IEnumerable<Money> amounts, Currency currency) =>
        amounts.Aggregate(Money.Zero(currency), (total, next) => total + next);

    /// <summary>The given percentage of the amount, rounded to the currency's minor unit.</summary>
    public static Money Percent(this Money money, decimal percent)
    {
        if (percent is < 0m or > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "Must be between 0 and 100.");
        }

        return money * (percent / 100m);
    }

    /// <summary>The amount with its currency symbol, as shown to customers, e.g. "€12.50".</summary>
    public static string ToDisplayString(this Money money)
    {
        var number = money.Amount.ToString("N" + money.Currency.MinorUnits(), CultureInfo.InvariantCulture);
        return money.Currency switch
        {
            Currency.EUR => $"€{number}",
            Currency.USD => $"${number}",
            Currency.GBP => $"£{number}",
            Currency.JPY => $"¥{number}",
            _ => $"{number} {money.Currency}",
        };
    }
}
