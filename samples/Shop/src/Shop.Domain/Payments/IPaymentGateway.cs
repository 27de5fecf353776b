using Shop.Domain.ValueObjects;

namespace Shop.Domain.Payments;

/// <summary>A payment provider that can charge and refund customers.</summary>
public interface IPaymentGateway
{
    /// <summary>The provider's name as shown on receipts.</summary>
    string ProviderName { get; }

    /// <summary>Charges the customer. A declined payment is a normal result, not an exception.</summary>
    Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Refunds a previous charge in full.</summary>
    Task<PaymentResult> RefundAsync(string paymentReference, Money amount, CancellationToken cancellationToken = default);
}
