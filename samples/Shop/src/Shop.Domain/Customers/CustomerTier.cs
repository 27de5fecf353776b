namespace Shop.Domain.Customers;

/// <summary>Loyalty tier, earned by lifetime spend; higher tiers get larger discounts.</summary>
public enum CustomerTier
{
    /// <summary>New or occasional customers.</summary>
    Standard,

    /// <summary>Customers with a lifetime spend of at least 500.</summary>
    Silver,

    /// <summary>Customers with a lifetime spend of at least 2,000.</summary>
    Gold,
}
