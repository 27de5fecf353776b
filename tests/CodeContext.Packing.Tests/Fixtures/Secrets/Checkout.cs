namespace Fixture.Payments;

/// <summary>Uses the clients; holds no secret itself.</summary>
public sealed class Checkout(PaymentClients clients)
{
    public decimal Pay(decimal amount) => clients.Charge(amount);
}
