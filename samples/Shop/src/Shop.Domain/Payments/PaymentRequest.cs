using Shop.Domain.ValueObjects;

namespace Shop.Domain.Payments;

/// <summary>What to charge, for which order, with which stored payment method.</summary>
/// <param name="OrderId">The order being paid; providers use it to refuse double charges.</param>
/// <param name="Amount">The amount to charge.</param>
/// <param name="PaymentMethodToken">An opaque token for the customer's saved card, issued by the provider.</param>
public sealed record PaymentRequest(Guid OrderId, Money Amount, string PaymentMethodToken);

/// <summary>The provider's answer.</summary>
/// <param name="Succeeded">True when the money was captured (or refunded).</param>
/// <param name="Reference">The provider's transaction id; present on success.</param>
/// <param name="FailureReason">Why the provider declined; present on failure.</param>
public sealed record PaymentResult(bool Succeeded, string? Reference, string? FailureReason)
{
    /// <summary>A successful result.</summary>
    public static PaymentResult Success(string reference) => new(true, reference, null);

    /// <summary>A declined result.</summary>
    public static PaymentResult Declined(string reason) => new(false, null, reason);
}
