using Shop.Domain.Customers;
using Shop.Domain.ValueObjects;

namespace Shop.Infrastructure.Persistence;

/// <summary>Keeps customers in memory.</summary>
public sealed class InMemoryCustomerRepository : InMemoryRepository<Customer>, ICustomerRepository
{
    /// <inheritdoc />
    public Task<Customer?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
        Task.FromResult(All.FirstOrDefault(customer => customer.Email == email));
}
