namespace Shop.Domain.Common;

/// <summary>Loads and stores one kind of aggregate.</summary>
/// <typeparam name="T">The aggregate root type.</typeparam>
public interface IRepository<T>
    where T : AggregateRoot
{
    /// <summary>Finds an aggregate by id, or returns null when there is none.</summary>
    Task<T?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Stores a new aggregate.</summary>
    Task AddAsync(T aggregate, CancellationToken cancellationToken = default);

    /// <summary>Stores changes to an existing aggregate; fails if someone else saved it first.</summary>
    Task UpdateAsync(T aggregate, CancellationToken cancellationToken = default);
}
