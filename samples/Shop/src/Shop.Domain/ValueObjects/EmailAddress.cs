using System.Net.Mail;
using Shop.Domain.Common;

namespace Shop.Domain.ValueObjects;

/// <summary>An e-mail address that has passed a syntax check; compared case-insensitively.</summary>
public sealed record EmailAddress
{
    private EmailAddress(string value) => Value = value;

    /// <summary>The address in lower case.</summary>
    public string Value { get; }

    /// <summary>Parses an address.</summary>
    /// <exception cref="DomainException">The text is not an e-mail address.</exception>
    public static EmailAddress Parse(string text)
    {
        if (!MailAddress.TryCreate(text?.Trim(), out var parsed) || parsed.Address != text!.Trim())
        {
            throw new DomainException($"'{text}' is not an e-mail address.");
        }

        return new EmailAddress(parsed.Address.ToLowerInvariant());
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
