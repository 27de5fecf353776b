using System.Globalization;
using Shop.Domain.Common;

namespace Shop.Domain.ValueObjects;

/// <summary>
/// An amount of money in one currency. Amounts are always rounded to the currency's minor unit,
/// and arithmetic between different currencies is refused rather than silently converted.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Creates an amount, rounding half away from zero to the currency's minor unit.</summary>
    public Money(decimal amount, Currency currency)
    {
        Amount = decimal.Round(amount, currency.MinorUnits(), MidpointRounding.AwayFromZero);
        Currency = currency;
    }

    /// <summary>The rounded amount.</summary>
    public decimal Amount { get; }

    /// <summary>The currency of the amount.</summary>
    public Currency Currency { get; }

    /// <summary>True when the amount is exactly zero.</summary>
    public bool IsZero => Amount == 0m;

    /// <summary>Zero in the given currency.</summary>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(left.Amount + right.Amount, left.Currency);
    }

    /// <summary>Subtracts two amounts of the same currency.</summary>
    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(left.Amount - right.Amount, left.Currency);
    }

    /// <summary>Multiplies an amount, e.g. a unit price by a quantity.</summary>
    public static Money operator *(Money money, decimal factor) => new(money.Amount * factor, money.Currency);

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Splits the amount into <paramref name="parts"/> shares that add up exactly to the original,
    /// giving the leftover minor units to the first shares (used to spread an order discount over lines).
    /// </summary>
    public IReadOnlyList<Money> Allocate(int parts)
    {
        if (parts <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), parts, "Must be positive.");
        }

        var unit = 1m / (decimal)Math.Pow(10, Currency.MinorUnits());
        var baseShare = decimal.Floor(Amount / parts / unit) * unit;
        var remainder = Amount - (baseShare * parts);
        var shares = new Money[parts];
        for (var i = 0; i < parts; i++)
        {
            var extra = remainder >= unit ? unit : 0m;
            remainder -= extra;
            shares[i] = new Money(baseShare + extra, Currency);
        }

        return shares;
    }

    /// <inheritdoc />
    public int CompareTo(Money other)
    {
        EnsureSameCurrency(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Amount.ToString("F" + Currency.MinorUnits(), CultureInfo.InvariantCulture)} {Currency}");

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw new DomainException($"Cannot combine {left.Currency} with {right.Currency}.");
        }
    }
}
