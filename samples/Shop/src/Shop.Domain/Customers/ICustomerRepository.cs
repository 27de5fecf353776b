using Shop.Domain.Common;
using Shop.Domain.ValueObjects;

namespace Shop.Domain.Customers;

/// <summary>Stores customers.</summary>
public interface ICustomerRepository : IRepository<Customer>
{
    /// <summary>Finds a customer by e-mail address, or returns null.</summary>
    Task<Customer?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default);
}
