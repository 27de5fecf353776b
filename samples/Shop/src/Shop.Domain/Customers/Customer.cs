using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Domain.Customers;

/// <summary>Someone who buys from the shop.</summary>
public sealed class Customer : AggregateRoot
{
    private const decimal SilverThreshold = 500m;
    private const decimal GoldThreshold = 2_000m;

    /// <summary>Creates a customer.</summary>
    public Customer(Guid id, string name, EmailAddress email, Address defaultShippingAddress, string? phoneNumber = null)
        : base(id)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A customer needs a name.");
        }

        Name = name.Trim();
        Email = email;
        DefaultShippingAddress = defaultShippingAddress.Validated();
        PhoneNumber = phoneNumber;
    }

    /// <summary>The name used in greetings.</summary>
    public string Name { get; private set; }

    /// <summary>Where order confirmations go.</summary>
    public EmailAddress Email { get; private set; }

    /// <summary>A mobile number for shipping text messages; null when the customer gave none.</summary>
    public string? PhoneNumber { get; private set; }

    /// <summary>The address used when an order does not name another one.</summary>
    public Address DefaultShippingAddress { get; private set; }

    /// <summary>What the customer has paid over all orders, in euros.</summary>
    public decimal LifetimeSpendEur { get; private set; }

    /// <summary>The loyalty tier implied by <see cref="LifetimeSpendEur"/>.</summary>
    public CustomerTier Tier => LifetimeSpendEur switch
    {
        >= GoldThreshold => CustomerTier.Gold,
        >= SilverThreshold => CustomerTier.Silver,
        _ => CustomerTier.Standard,
    };

    /// <inheritdoc />
    public override string DisplayName => $"{Name} <{Email}>";

    /// <summary>Adds a paid order's value to the lifetime spend.</summary>
    public void RecordPurchase(decimal amountEur)
    {
        if (amountEur < 0)
        {
            throw new DomainException("A purchase cannot have a negative value.");
        }

        LifetimeSpendEur += amountEur;
    }

    /// <summary>Changes contact details after the customer edited their profile.</summary>
    public void UpdateContact(EmailAddress email, string? phoneNumber)
    {
        Email = email;
        PhoneNumber = phoneNumber;
    }

    /// <summary>Changes the default shipping address.</summary>
    public void MoveTo(Address address) => DefaultShippingAddress = address.Validated();
}
