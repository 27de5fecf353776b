namespace Shop.Domain.Common;

/// <summary>Thrown when an operation would break a business rule.</summary>
public sealed class DomainException : Exception
{
    /// <summary>Creates the exception with a message that is safe to show to a customer.</summary>
    public DomainException(string message)
        : base(message)
    {
    }
}
