using System.Collections.Concurrent;
using Shop.Domain.Common;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// A thread-safe in-process store for one aggregate type, for local runs, demos and tests.
/// It enforces the same optimistic-concurrency rule as the SQL repositories so that code that
/// works against it also works against the database.
/// </summary>
/// <typeparam name="T">The aggregate root type.</typeparam>
public abstract class InMemoryRepository<T> : IRepository<T>
    where T : AggregateRoot
{
    private readonly ConcurrentDictionary<Guid, StoredAggregate> _items = new();

    /// <summary>Every stored aggregate, in no particular order.</summary>
    protected IEnumerable<T> All => _items.Values.Select(item => item.Aggregate);

    /// <summary>How many aggregates are stored.</summary>
    public int Count => _items.Count;

    /// <inheritdoc />
    public Task<T?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGetValue(id, out var item) ? item.Aggregate : null);

    /// <inheritdoc />
    public Task AddAsync(T aggregate, CancellationToken cancellationToken = default)
    {
        if (!_items.TryAdd(aggregate.Id, new StoredAggregate(aggregate, 1)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} {aggregate.Id} is already stored.");
        }

        aggregate.MarkPersisted(1);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpdateAsync(T aggregate, CancellationToken cancellationToken = default)
    {
        if (!_items.TryGetValue(aggregate.Id, out var stored))
        {
            throw new InvalidOperationException($"{typeof(T).Name} {aggregate.Id} is not stored; add it first.");
        }

        var next = new StoredAggregate(aggregate, stored.Version + 1);
        if (stored.Version != aggregate.Version || !_items.TryUpdate(aggregate.Id, next, stored))
        {
            throw new ConcurrencyConflictException(typeof(T).Name, aggregate.Id, aggregate.Version);
        }

        aggregate.MarkPersisted(next.Version);
        return Task.CompletedTask;
    }

    private sealed record StoredAggregate(T Aggregate, int Version);
}
