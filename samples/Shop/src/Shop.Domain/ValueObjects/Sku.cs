using System.Text.RegularExpressions;
using Shop.Domain.Common;

namespace Shop.Domain.ValueObjects;

/// <summary>
/// A stock keeping unit such as <c>TEA-0042</c>: three to five capital letters, a dash and four digits.
/// </summary>
public sealed partial record Sku
{
    private Sku(string value) => Value = value;

    /// <summary>The normalised code, upper case.</summary>
    public string Value { get; }

    /// <summary>Parses a code, accepting lower case and surrounding spaces.</summary>
    /// <exception cref="DomainException">The code is not a valid SKU.</exception>
    public static Sku Parse(string code)
    {
        if (!TryParse(code, out var sku))
        {
            throw new DomainException($"'{code}' is not a valid SKU (expected e.g. TEA-0042).");
        }

        return sku;
    }

    /// <summary>Parses a code without throwing.</summary>
    public static bool TryParse(string? code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Sku? sku)
    {
        var normalised = code?.Trim().ToUpperInvariant();
        sku = normalised is not null && Pattern().IsMatch(normalised) ? new Sku(normalised) : null;
        return sku is not null;
    }

    /// <summary>The product family, the letters before the dash.</summary>
    public string Family => Value[..Value.IndexOf('-')];

    /// <inheritdoc />
    public override string ToString() => Value;

    [GeneratedRegex("^[A-Z]{3,5}-[0-9]{4}$")]
    private static partial Regex Pattern();
}
