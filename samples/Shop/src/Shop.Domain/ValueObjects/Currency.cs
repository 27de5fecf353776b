namespace Shop.Domain.ValueObjects;

/// <summary>The currencies the shop sells in (ISO 4217 codes).</summary>
public enum Currency
{
    /// <summary>Euro.</summary>
    EUR,

    /// <summary>United States dollar.</summary>
    USD,

    /// <summary>Pound sterling.</summary>
    GBP,

    /// <summary>Japanese yen; has no minor unit.</summary>
    JPY,
}

/// <summary>Facts about currencies that the arithmetic in <see cref="Money"/> depends on.</summary>
public static class CurrencyInfo
{
    /// <summary>How many decimal places amounts in this currency are rounded to.</summary>
    public static int MinorUnits(this Currency currency) => currency switch
    {
        Currency.JPY => 0,
        _ => 2,
    };
}
