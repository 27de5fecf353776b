using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Domain.Orders;

// The rules an order must satisfy before it is placed, kept apart from the state transitions
// in Order.cs so that the list of rules can be read (and reviewed by the business) on its own.
public sealed partial class Order
{
    /// <summary>The largest total a single order may have before it needs manual review.</summary>
    public static readonly decimal MaxAutomaticTotal = 10_000m;

    /// <summary>The most distinct products on one order.</summary>
    public const int MaxLines = 50;

    /// <summary>Returns every rule the order currently breaks; empty when it can be placed.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();

        if (_lines.Count == 0)
        {
            errors.Add("An order needs at least one line.");
        }

        if (_lines.Count > MaxLines)
        {
            errors.Add($"An order can have at most {MaxLines} lines, this one has {_lines.Count}.");
        }

        if (Total.Amount < 0)
        {
            errors.Add("The order total cannot be negative.");
        }

        if (Total.Amount > MaxAutomaticTotal)
        {
            errors.Add($"Orders over {MaxAutomaticTotal} {Currency} need manual review.");
        }

        var duplicates = _lines.GroupBy(line => line.Sku).Where(group => group.Count() > 1).Select(group => group.Key);
        errors.AddRange(duplicates.Select(sku => $"{sku} appears on more than one line."));

        return errors;
    }

    private void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new DomainException(string.Join(" ", errors));
        }
    }

    private void EnsureDraft()
    {
        if (Status != OrderStatus.Draft)
        {
            throw new DomainException($"Order {Id} is {Status}; only drafts can be changed.");
        }
    }

    private void EnsureSameCurrency(Money amount)
    {
        if (amount.Currency != Currency)
        {
            throw new DomainException($"Order {Id} is in {Currency}, not {amount.Currency}.");
        }
    }
}
