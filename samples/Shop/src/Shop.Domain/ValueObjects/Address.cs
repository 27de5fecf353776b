using Shop.Domain.Common;

namespace Shop.Domain.ValueObjects;

/// <summary>A postal address used for shipping and invoices.</summary>
/// <param name="Street">Street and house number.</param>
/// <param name="City">City or town.</param>
/// <param name="PostalCode">Postal code as written locally.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 country code, e.g. "DE".</param>
public sealed record Address(string Street, string City, string PostalCode, string CountryCode)
{
    /// <summary>Checks the fields that shipping carriers reject when empty or malformed.</summary>
    public Address Validated()
    {
        if (string.IsNullOrWhiteSpace(Street) || string.IsNullOrWhiteSpace(City))
        {
            throw new DomainException("An address needs a street and a city.");
        }

        if (CountryCode.Length != 2 || !CountryCode.All(char.IsAsciiLetterUpper))
        {
            throw new DomainException($"'{CountryCode}' is not a two-letter country code.");
        }

        return this;
    }

    /// <summary>True when the address is in the European Union's customs area (simplified list).</summary>
    public bool IsInEu => EuCountries.Contains(CountryCode);

    private static readonly HashSet<string> EuCountries =
    [
        "AT", "BE", "DE", "DK", "ES", "FI", "FR", "IE", "IT", "LU", "NL", "PL", "PT", "SE",
    ];

    /// <inheritdoc />
    public override string ToString() => $"{Street}, {PostalCode} {City}, {CountryCode}";
}
