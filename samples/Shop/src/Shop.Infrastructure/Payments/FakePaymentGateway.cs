using System.Collections.Concurrent;
using Shop.Domain.Payments;
using Shop.Domain.ValueObjects;

namespace Shop.Infrastructure.Payments;

/// <summary>
/// A payment gateway for local runs and tests that follows the provider sandbox's conventions:
/// the token <c>tok_declined</c> is declined, <c>tok_insufficient</c> fails for amounts over 100,
/// and every other token succeeds. Charging the same order twice is refused, as the real provider does.
/// </summary>
public sealed class FakePaymentGateway : IPaymentGateway
{
    /// <summary>A token that is always declined.</summary>
    public const string DeclinedToken = "tok_declined";

    /// <summary>A token that is declined for amounts over 100.</summary>
    public const string InsufficientFundsToken = "tok_insufficient";

    private readonly ConcurrentDictionary<string, Charge> _charges = new();
    private readonly ConcurrentDictionary<Guid, string> _chargedOrders = new();
    private int _sequence;

    /// <inheritdoc />
    public string ProviderName => "FakePay";

    /// <summary>The charges made so far, keyed by reference.</summary>
    public IReadOnlyDictionary<string, Charge> Charges => _charges;

    /// <inheritdoc />
    public Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        if (request.PaymentMethodToken == DeclinedToken)
        {
            return Task.FromResult(PaymentResult.Declined("card declined"));
        }

        if (request.PaymentMethodToken == InsufficientFundsToken && request.Amount.Amount > 100m)
        {
            return Task.FromResult(PaymentResult.Declined("insufficient funds"));
        }

        var reference = $"fp_{Interlocked.Increment(ref _sequence):D6}";
        if (!_chargedOrders.TryAdd(request.OrderId, reference))
        {
            return Task.FromResult(PaymentResult.Declined($"order {request.OrderId} was already charged"));
        }

        _charges[reference] = new Charge(request.OrderId, request.Amount, Refunded: false);
        return Task.FromResult(PaymentResult.Success(reference));
    }

    /// <inheritdoc />
    public Task<PaymentResult> RefundAsync(string paymentReference, Money amount, CancellationToken cancellationToken = default)
    {
        if (!_charges.TryGetValue(paymentReference, out var charge))
        {
            return Task.FromResult(PaymentResult.Declined($"unknown payment {paymentReference}"));
        }

        if (charge.Refunded || charge.Amount != amount)
        {
            return Task.FromResult(PaymentResult.Declined("refund must match one unrefunded charge in full"));
        }

        _charges[paymentReference] = charge with { Refunded = true };
        return Task.FromResult(PaymentResult.Success(paymentReference));
    }

    /// <summary>A charge the fake gateway made.</summary>
    public sealed record Charge(Guid OrderId, Money Amount, bool Refunded);
}
